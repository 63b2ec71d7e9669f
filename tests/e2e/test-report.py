#!/usr/bin/python3
"""The Report page as a person uses it, on the demo.

Before any check the page says there is no report yet and offers Run
Checks; after the scan it previews the report's first pages. Export…
goes through the real file chooser and writes a PDF (read back with
poppler-utils: the verdict, the demo's bad value ADMIN001, one page per
previewed page count) and an HTML page; the toast offers Open. Print…
opens GTK's print dialog and prints to a file with "Print to File": the
printed PDF has the exported one's pages and text.

Saves report-empty.png, report-preview.png, report-exported.png and
report-print-dialog.png in $PF_SCREENSHOT_DIR.
"""

import glob
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from preflight_driver import App, is_showing, name, role, wait_for, walk  # noqa: E402
from tap import Tap  # noqa: E402


def pdf_pages(path):
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def pdf_text(path):
    return subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True,
                          check=True).stdout


class Report:
    def __init__(self, app):
        self.app = app
        self.exported = None

    def empty(self):
        self.app.click("push button", "Try the Demo")
        self.app.click("page tab", "Report", timeout=60)
        self.app.find("label", "No Report Yet", timeout=30)
        self.app.find("push button", "Run Checks", exact=False)
        self.app.screenshot("report-empty")

    def preview(self):
        self.app.click("push button", "Run Checks", exact=False)
        # Run Checks shows the Integrity page; its verdict says the scan is over
        self.app.find("label", "NO-GO", exact=False, timeout=120)
        self.app.click("page tab", "Report")
        self.app.find("label", "Showing ", exact=False, timeout=60)
        self.app.find(None, "Preview of the report", exact=False)
        self.app.screenshot("report-preview")

    def export(self, file_name):
        path = os.path.join(self.app.home.path, file_name)
        self.app.click("push button", "Export", exact=False)
        chooser = self.app.window("Export the Report")
        location = wait_for(lambda: next((node for node in walk(chooser) if role(node) == "text"
                                          and is_showing(node)), None), 10, "the file name entry")
        self.app.type_text(location, path)
        self.app.click("push button", "Save", within=chooser)
        wait_for(lambda: os.path.exists(path) and os.path.getsize(path) > 0, 60, f"{path} to be written")
        self.app.find("label", f"Report saved as “{file_name}”", timeout=30)
        self.app.find("push button", "Open")
        return path

    def export_pdf(self):
        self.exported = self.export("demo readiness.pdf")
        text = pdf_text(self.exported)
        assert "NO-GO" in text, "the exported PDF does not say NO-GO"
        assert "ADMIN001" in text, "the exported PDF does not name the bad value ADMIN001"
        assert pdf_pages(self.exported) > 3
        shown = self.app.find("label", "Showing ", exact=False)
        total = int(re.search(r"of (\d+)", name(shown)).group(1))
        assert total == pdf_pages(self.exported), f"the preview says {name(shown)}"
        self.app.screenshot("report-exported")

    def export_html(self):
        path = self.export("demo readiness.html")
        with open(path, encoding="utf-8") as f:
            html = f.read()
        assert html.startswith("<!DOCTYPE html>"), html[:40]
        assert "NO-GO" in html and "ADMIN001" in html

    def print_to_file(self):
        self.app.click("push button", "Print", exact=False)
        dialog = self.app.window("Print", timeout=30)
        printer = self.app.find(None, "Print to File", within=dialog, timeout=30)
        self.app.mouse_click(printer)
        self.app.screenshot("report-print-dialog")
        before = set(glob.glob(os.path.join(self.app.home.path, "**", "*.pdf"), recursive=True))
        self.app.click("push button", "Print", within=dialog)

        def printed():
            new = set(glob.glob(os.path.join(self.app.home.path, "**", "*.pdf"), recursive=True)) - before
            done = [p for p in new if os.path.getsize(p) > 0 and subprocess.run(
                ["pdfinfo", p], capture_output=True).returncode == 0]
            return done[0] if done else None

        path = wait_for(printed, 60, "the printed PDF")
        assert pdf_pages(path) == pdf_pages(self.exported), \
            f"printed {pdf_pages(path)} pages, exported {pdf_pages(self.exported)}"
        assert pdf_text(path) == pdf_text(self.exported), "the printed pages differ from the exported ones"
        wait_for(lambda: not any(name(w) == "Print" and is_showing(w) for w in self.app.node), 10,
                 "the print dialog to close")


def main():
    tap = Tap(6)
    app = tap.run("the app starts and shows its window",
                  lambda: App(os.environ["PF_APP"], screenshot_dir=os.environ.get("PF_SCREENSHOT_DIR")))
    if app is None:
        tap.skip_rest("the app did not start")
        tap.exit()
    report = Report(app)
    try:
        tap.run("before any check the Report page offers Run Checks", report.empty)
        tap.run("after the scan the page previews the report", report.preview)
        tap.run("Export… writes a PDF with the verdict and ADMIN001, and a toast offers Open",
                report.export_pdf)
        tap.run("Export… writes an HTML page when the name ends in .html", report.export_html)
        tap.run("Print… prints to a file the same pages as the export", report.print_to_file)
    finally:
        app.quit()
    tap.exit()


if __name__ == "__main__":
    main()
