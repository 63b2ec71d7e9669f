#!/usr/bin/python3
# Check the Flatpak manifest: it parses, names the app, builds libpq and the
# app itself, and asks for exactly the sandbox holes Preflight needs.
#
# Usage: check-flatpak-manifest.py MANIFEST APP_ID

import json
import sys

REQUIRED_FINISH_ARGS = [
    "--share=ipc",
    "--socket=wayland",
    "--socket=fallback-x11",
    "--device=dri",
    "--share=network",                    # reach database servers
    "--talk-name=org.freedesktop.secrets",  # passwords in the Secret Service
]
# Files are opened through the file chooser portal; no blanket access.
FORBIDDEN_PREFIXES = ("--filesystem=host", "--filesystem=home", "--socket=x11",
                      "--talk-name=org.freedesktop.Flatpak", "--device=all")


def main():
    path, app_id = sys.argv[1], sys.argv[2]
    problems = []
    try:
        with open(path, encoding="utf-8") as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        print(f"{path}: cannot be read as JSON: {e}", file=sys.stderr)
        return 1

    def expect(key, value):
        if manifest.get(key) != value:
            problems.append(f"{key} is {manifest.get(key)!r}, expected {value!r}")

    expect("app-id", app_id)
    expect("command", "preflight")
    expect("runtime", "org.gnome.Platform")
    expect("sdk", "org.gnome.Sdk")
    if not str(manifest.get("runtime-version", "")).strip():
        problems.append("runtime-version is missing")

    finish_args = manifest.get("finish-args", [])
    for arg in REQUIRED_FINISH_ARGS:
        if arg not in finish_args:
            problems.append(f"finish-args lacks {arg}")
    for arg in finish_args:
        if arg.startswith(FORBIDDEN_PREFIXES):
            problems.append(f"finish-args has {arg}, which Preflight does not need")
    if len(set(finish_args)) != len(finish_args):
        problems.append("finish-args has duplicates")

    modules = [m for m in manifest.get("modules", []) if isinstance(m, dict)]
    names = [m.get("name") for m in modules]
    by_name = {m.get("name"): m for m in modules}

    libpq = by_name.get("libpq")
    if libpq is None:
        problems.append("there is no module named libpq")
    else:
        sources = libpq.get("sources", [])
        archives = [s for s in sources if s.get("type") == "archive"]
        if not archives:
            problems.append("the libpq module has no archive source")
        for s in archives:
            url = s.get("url", "")
            if not url.startswith("https://ftp.postgresql.org/pub/source/"):
                problems.append(f"libpq is not built from PostgreSQL's source tarball: {url}")
            sha = s.get("sha256", "")
            if len(sha) != 64 or any(c not in "0123456789abcdef" for c in sha):
                problems.append(f"libpq archive has no valid sha256: {sha!r}")

    app = by_name.get("preflight")
    if app is None:
        problems.append("there is no module named preflight")
    else:
        if app.get("buildsystem") != "meson":
            problems.append(f"the preflight module's buildsystem is {app.get('buildsystem')!r}, expected 'meson'")
        if not any(s.get("type") == "dir" for s in app.get("sources", [])):
            problems.append("the preflight module does not build from the source tree (type dir)")
        if names and names[-1] != "preflight":
            problems.append("the preflight module must come last, after its dependencies")
        if libpq is not None and names.index("libpq") > names.index("preflight"):
            problems.append("libpq must be built before preflight")

    if problems:
        for p in problems:
            print(f"{path}: {p}", file=sys.stderr)
        return 1
    print(f"{path}: OK ({', '.join(names)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
