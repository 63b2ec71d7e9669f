#!/usr/bin/python3
"""A newcomer's first minute: the welcome page, Try the Demo, the overview.

Saves welcome.png and overview.png in $PF_SCREENSHOT_DIR.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from preflight_driver import App  # noqa: E402
from tap import Tap  # noqa: E402

DEMO_TABLES = [
    "django_migrations",
    "scheduling_accesslog",
    "scheduling_carehome",
    "scheduling_shift",
    "scheduling_staffprofile",
    "scheduling_supervisionrecord",
    "scheduling_user",
]


def welcome_page(app):
    for button in ("Try the Demo", "Add Connection…", "Open SQLite File…"):
        app.find("push button", button)
    app.screenshot("welcome")


def try_the_demo(app):
    app.click("push button", "Try the Demo")
    # The overview lists the demo's tables once the engine has read the schema;
    # the list makes only the rows it shows, so scroll to each.
    app.find("label", DEMO_TABLES[0], timeout=60)
    tables = app.find("tree table", "Tables")
    for table in DEMO_TABLES:
        app.find_scrolling("label", table, over=tables)


def overview_facts(app):
    labels = app.texts()
    assert any("SQLite" in text for text in labels), f"no SQLite version shown in {labels}"
    # scheduling_user holds 1,500 users: the row count is shown with separators.
    app.find_scrolling("label", "scheduling_user", over=app.find("tree table", "Tables"))
    labels = app.texts()
    assert any(text.replace(",", "").replace("\u202f", "").replace(".", "").strip() in ("1500", "~1500")
               for text in labels), f"no row count 1,500 among {labels}"
    app.screenshot("overview")


def main():
    tap = Tap(4)
    app = tap.run("the app starts and shows its window",
                  lambda: App(os.environ["PF_APP"], screenshot_dir=os.environ.get("PF_SCREENSHOT_DIR")))
    if app is None:
        tap.skip_rest("the app did not start")
        tap.exit()
    try:
        tap.run("the welcome page offers the demo, a new connection and a SQLite file", welcome_page, app)
        tap.run("Try the Demo opens the overview listing the demo's tables", try_the_demo, app)
        tap.run("the overview shows the library version and row counts", overview_facts, app)
    finally:
        app.quit()
    tap.exit()


if __name__ == "__main__":
    main()
