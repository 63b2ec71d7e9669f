#!/usr/bin/python3
"""The Integrity page as a person uses it: Run Checks on the demo, open the
finding about the ADMIN001 supervisors and read it, then cancel a scan of a
large database and see that the result says it is incomplete.

The large database (make_large_db.py) is built once into $PF_E2E_CACHE_DIR.
Saves integrity-demo.png, finding-admin001.png, finding-admin001-samples.png,
integrity-running.png, integrity-cancelled.png and overview-incomplete.png in
$PF_SCREENSHOT_DIR.
"""

import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from make_large_db import large_database  # noqa: E402
from preflight_driver import App, DriverError, is_showing, name, table_rows, wait_for  # noqa: E402
from tap import Tap  # noqa: E402

SUPERVISION = "supervision records"


def shots():
    return os.environ.get("PF_SCREENSHOT_DIR")


def open_integrity(app):
    app.click("page tab", "Integrity")
    return app.find("push button", "Run Checks")


# -- the demo ------------------------------------------------------------------

def demo_checks(app):
    app.click("push button", "Try the Demo")
    app.find("label", "scheduling_accesslog", timeout=60)
    open_integrity(app)
    app.click("push button", "Run Checks")
    finding = app.find("label", SUPERVISION, exact=False, timeout=120)
    assert name(finding).startswith("2 "), f"the finding reads “{name(finding)}”"
    app.find("label", "Blockers", exact=False)
    # Every blocker of the demo is listed, each with its count.
    for count, subject in (("150", "access logs"), ("42", "sickness records"),
                           ("300", "staff profiles")):
        app.find("label", f"{count} {subject} point at", exact=False, timeout=60)
    app.screenshot("integrity-demo")


def admin001_finding(app):
    app.click_item(SUPERVISION, exact=False)
    # The detail: its title with the count, the bad value with its count,
    # the two sample rows (ids 17 and 1187), and the fix.
    app.find("label", "2 " + SUPERVISION, exact=False, timeout=20)
    app.find(None, "Bad Values", exact=False)
    app.find(None, "Sample Rows", exact=False)
    app.find("push button", "Copy Fix SQL")

    # The distinct bad value with its count; GTK makes the cells a moment
    # after the table.
    values = app.find("tree table", "Bad values")
    rows = wait_for(lambda: table_rows(values), 20, "the bad values")
    assert rows == [["ADMIN001", "2"]], f"bad values: {rows}"
    samples = app.find("tree table", "Sample rows")
    rows = wait_for(lambda: table_rows(samples), 20, "the sample rows")
    assert sorted(rows) == [["1187", "ADMIN001"], ["17", "ADMIN001"]], f"sample rows: {rows}"
    app.screenshot("finding-admin001")
    app.scroll_into_view(samples, app.main_window)
    app.screenshot("finding-admin001-samples")


def back_to_findings(app):
    app.click("push button", "Back")
    app.find("label", "access logs", exact=False)


# -- the large database ---------------------------------------------------------

def cancel_large(app):
    open_integrity(app)
    app.click("push button", "Run Checks")
    begin = time.monotonic()
    progress = app.find("progress bar", "Check progress", timeout=30)
    # The Cancel next to the progress bar (the window has another, hidden,
    # for cancelling the opening of a database).
    cancel = app.find_near(progress, "push button", "Cancel")
    time.sleep(1.5)
    app.screenshot("integrity-running")
    app.activate(cancel)
    note = app.find("label", "ncomplete", exact=False, timeout=30)
    elapsed = time.monotonic() - begin
    print(f"# cancelled after {elapsed:.1f} s: “{name(note)}”", flush=True)
    wait_for(lambda: not is_showing(cancel), 30, "the Cancel button to go away")
    app.find("push button", "Run Checks")
    app.screenshot("integrity-cancelled")


def overview_says_incomplete(app):
    app.click("page tab", "Overview")
    app.find("label", "ncomplete", exact=False, timeout=20)
    app.screenshot("overview-incomplete")


def main():
    tap = Tap(8)
    cache = os.environ.get("PF_E2E_CACHE_DIR") or tempfile.mkdtemp(prefix="pf-e2e-cache-")

    app = tap.run("the app starts", lambda: App(os.environ["PF_APP"], screenshot_dir=shots()))
    if app is not None:
        try:
            tap.run("Run Checks on the demo lists its blockers with counts", demo_checks, app)
            tap.run("the ADMIN001 finding shows its count, bad value and sample rows",
                    admin001_finding, app)
            tap.run("Back returns to the findings", back_to_findings, app)
        finally:
            app.quit()
    else:
        tap.skip_rest("the app did not start")
        tap.exit()

    path = tap.run("a large database (9 million rows) is ready", large_database, cache)
    app = None
    if path:
        app = tap.run("the app opens the large database given on the command line",
                      lambda: _open_large(path))
    if app is None:
        tap.skip_rest("no large database")
        tap.exit()
    try:
        tap.run("Cancel stops the scan and the list says it is incomplete", cancel_large, app)
        tap.run("the Overview says the check is incomplete", overview_says_incomplete, app)
    finally:
        app.quit()
    tap.exit()


def _open_large(path):
    app = App(os.environ["PF_APP"], [path], screenshot_dir=shots())
    try:
        app.find("label", "reading", timeout=90)
    except DriverError:
        app.quit()
        raise
    return app


if __name__ == "__main__":
    main()
