#!/usr/bin/python3
# Check that po/POTFILES.in lists exactly the files with translatable strings.
#
# Fails when a source file that marks strings for translation is missing from
# POTFILES.in, when POTFILES.in names a file that does not exist, or when the
# list is not sorted or has duplicates.
#
# Usage: check-potfiles.py [--fix] [SOURCE_ROOT]
#   --fix  rewrite po/POTFILES.in (keeping its leading comments) instead of failing

import os
import re
import sys

# Where translatable sources live, and which files there can hold them.
SCAN_DIRS = ("src", "ui", "data")
SCAN_SUFFIXES = (".c", ".h", ".ui")
# These are translatable by their nature (merged with i18n.merge_file).
ALWAYS_TRANSLATABLE = (".desktop.in", ".metainfo.xml.in")

MARKERS = re.compile(
    r"""(?<![A-Za-z0-9_])(?:N|C|NC)?_\s*\("""   # _( N_( C_( NC_(
    r"""|(?<![A-Za-z0-9_])(?:g_d?n?)?ngettext\s*\("""  # ngettext( g_dngettext(
    r"""|translatable\s*=\s*["']yes["']""",
)


def has_translatable_strings(path):
    if path.endswith(ALWAYS_TRANSLATABLE):
        return True
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    if path.endswith((".c", ".h")):
        # Ignore markers that only appear inside comments.
        text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
        text = re.sub(r"//[^\n]*", "", text)
    return MARKERS.search(text) is not None


def main():
    args = sys.argv[1:]
    fix = "--fix" in args
    args = [a for a in args if a != "--fix"]
    root = os.path.abspath(args[0] if args else
                           os.path.join(os.path.dirname(__file__), "..", ".."))
    potfiles_in = os.path.join(root, "po", "POTFILES.in")

    listed = []
    comments = []
    with open(potfiles_in, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line.startswith("#") and not listed:
                comments.append(line)
            elif line and not line.startswith("#"):
                listed.append(line)

    wanted = set()
    for top in SCAN_DIRS:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in filenames:
                if not name.endswith(SCAN_SUFFIXES + ALWAYS_TRANSLATABLE):
                    continue
                path = os.path.join(dirpath, name)
                if has_translatable_strings(path):
                    wanted.add(os.path.relpath(path, root))

    problems = []
    missing = sorted(wanted - set(listed))
    for rel in missing:
        problems.append(f"po/POTFILES.in does not list {rel}, which has translatable strings")
    for rel in listed:
        if not os.path.isfile(os.path.join(root, rel)):
            problems.append(f"po/POTFILES.in lists {rel}, which does not exist")
    dupes = sorted({rel for rel in listed if listed.count(rel) > 1})
    for rel in dupes:
        problems.append(f"po/POTFILES.in lists {rel} more than once")
    if listed != sorted(listed):
        problems.append("po/POTFILES.in is not sorted; expected:\n  " + "\n  ".join(sorted(set(listed))))

    if problems and fix:
        keep = {r for r in listed if os.path.isfile(os.path.join(root, r))}
        with open(potfiles_in, "w", encoding="utf-8") as f:
            f.write("".join(c + "\n" for c in comments))
            f.write("".join(r + "\n" for r in sorted(wanted | keep)))
        print(f"rewrote {potfiles_in}")
        return 0

    if problems:
        for p in problems:
            print(p, file=sys.stderr)
        if missing:
            print("\nA complete, sorted po/POTFILES.in would be:", file=sys.stderr)
            for rel in sorted(wanted | {r for r in listed if os.path.isfile(os.path.join(root, r))}):
                print(rel, file=sys.stderr)
        return 1

    print(f"po/POTFILES.in lists all {len(listed)} files with translatable strings")
    return 0


if __name__ == "__main__":
    sys.exit(main())
