#!/usr/bin/python3
"""Opening a file that is not a database: a clear error, and nothing lost.

The file is handed to the app the way a file manager does (as an argument).
Saves not-a-database.png in $PF_SCREENSHOT_DIR.
"""

import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from preflight_driver import App  # noqa: E402
from tap import Tap  # noqa: E402


def shows_error(app):
    app.find("label", "the file is not a SQLite database", exact=False, timeout=60)
    app.screenshot("not-a-database")


def dismiss_and_continue(app):
    app.click("push button", "OK")
    # Back on the welcome page, and still usable: the demo opens.
    app.click("push button", "Try the Demo")
    app.find("label", "scheduling_accesslog", timeout=60)


def main():
    tap = Tap(3)
    with tempfile.TemporaryDirectory(prefix="pf-e2e-files-") as folder:
        path = os.path.join(folder, "notes.db")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write("These are meeting notes, not a database.\n" * 50)
        app = tap.run("the app starts with a file that is not a database",
                      lambda: App(os.environ["PF_APP"], [path],
                                  screenshot_dir=os.environ.get("PF_SCREENSHOT_DIR")))
        if app is None:
            tap.skip_rest("the app did not start")
            tap.exit()
        try:
            tap.run("an error says the file is not a SQLite database", shows_error, app)
            tap.run("after OK the window is usable and opens the demo", dismiss_and_continue, app)
            with open(path, encoding="utf-8") as handle:
                assert handle.read().startswith("These are meeting notes")
        finally:
            app.quit()
    tap.exit()


if __name__ == "__main__":
    main()
