#!/usr/bin/python3
"""The Checklist page as a person uses it, on the demo.

Walks the Routine schema migration template from its first step to the
sign-off: the automatic items run by themselves on each step, the manual
ones are ticked with the name typed once, the optional one is skipped, the
backup is made through Back Up Now… and its file chooser, then the
checklist is signed. Then one orphaned row is added to the demo's SQLite
file (the one the app opened) and Check Again names it. The progress is
in the checklist file under the config dir, and the Overview shows it.

Saves checklist-step-0.png (the template choice) to checklist-step-8.png
(the sign-off), checklist-backup.png and checklist-check-again.png in
$PF_SCREENSHOT_DIR.
"""

import glob
import json
import os
import sqlite3
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from preflight_driver import (App, DriverError, extents, has_state, is_showing, name, role,  # noqa: E402
                              text_of, wait_for, walk, wheel)
import pyatspi  # noqa: E402
from tap import Tap  # noqa: E402

SIGNER = "Anna Kowalska"
ROLE = "Service manager"
NOTE = "Restored on the test machine in 12 minutes"


def shots():
    return os.environ.get("PF_SCREENSHOT_DIR")


def template():
    path = os.path.join(os.environ.get("PF_SOURCE_ROOT", os.path.join(os.path.dirname(__file__), "..", "..")),
                        "data", "checklists", "routine-migration.json")
    with open(path, encoding="utf-8") as f:
        return json.load(f)


class Checklist:
    def __init__(self):
        self.app = None
        self.steps = template()["steps"]
        self.n_steps = len(self.steps) + 1
        self.backup = None
        self.page = None

    # -- helpers ----------------------------------------------------------------

    def labels(self):
        """The labels on the page shown (only the wizard once it is found:
        walking the whole window over AT-SPI costs seconds)."""
        return [name(node) for node in walk(self.page or self.app.main_window)
                if role(node) == "label" and is_showing(node)]

    def find_page(self):
        """The wizard: the parent of the scrolled steps and the Back/Next bar."""
        node = self.app.find("label", f"Step 1 of {self.n_steps}", timeout=30)
        while node is not None and role(node) != "scroll pane":
            node = node.parent
        if node is None:
            raise DriverError("the steps are not in a scrolled window")
        self.page = node.parent

    def settled(self):
        """Wait until no item of the step shows Running."""
        time.sleep(0.5)
        wait_for(lambda: "Running" not in self.labels(), 120, "the automatic checks of the step to finish")

    def step_shown(self, number):
        wait_for(lambda: f"Step {number} of {self.n_steps}" in self.labels(), 30, f"Step {number} of {self.n_steps}")
        self.settled()

    def state_of(self, title):
        """The state badge of the item @title on the step shown: the label
        after its title that reads as a state."""
        states = ("Open", "Running", "Passed", "Done", "Failed", "Not applicable", "Skipped")
        labels = self.labels()
        if title not in labels:
            raise DriverError(f"“{title}” is not on the page: {labels}")
        return next(label for label in labels[labels.index(title) + 1:] if label in states)

    def reveal(self, node, steps=40):
        """Turn the wheel over the page until @node is clear of the window's
        header and of the Back/Next bar at the bottom."""
        for _step in range(steps):
            box, frame = extents(node), extents(self.app.main_window)
            if box is None or frame is None:
                return
            if box.y < frame.y + 120:
                down = False
            elif box.y + box.height > frame.y + frame.height - 90:
                down = True
            else:
                return
            wheel(self.app.main_window, down=down)
        raise DriverError(f"“{name(node)}” cannot be scrolled into view")

    def demo_path(self):
        return os.path.join(self.app.home.cache, "preflight", "demo.sqlite3")

    # -- the walk -----------------------------------------------------------------

    def start(self):
        self.app = App(os.environ["PF_APP"], screenshot_dir=shots())
        self.app.click("push button", "Try the Demo")
        self.app.find("page tab", "Checklist", timeout=60)
        self.app.click("page tab", "Checklist")
        self.app.find("label", "Get Ready for the Migration", timeout=30)
        self.app.find(None, "Routine schema migration")
        self.app.find("push button", "Duplicate and Edit…")
        self.app.screenshot("checklist-step-0")

    def begin(self):
        self.app.click("push button", "Start Checklist")
        self.find_page()
        self.step_shown(1)
        self.app.find("label", "Routine schema migration")
        self.app.type_into("Your Name", SIGNER)

    def first_step(self):
        # The demo connects; its orphans, conflict and failing migration block.
        assert self.state_of("Preflight can connect to the database") == "Passed"
        assert self.state_of("No data problems block the migration") == "Failed"
        assert self.state_of("The migration history is consistent") == "Failed"
        self.app.find("label", "The integrity scan found ", exact=False)
        self.app.find("push button", "Show Findings")
        self.app.find("push button", "Run again: No data problems block the migration")
        self.app.screenshot("checklist-step-1")

    def make_backup(self):
        title = "A verified backup was taken after the last change"
        assert self.state_of(title) == "Open", self.state_of(title)
        self.backup = os.path.join(self.app.home.path, "rota backup.sqlite3")
        self.app.click("push button", "Back Up Now…")
        chooser = self.app.window("Save Backup As")
        location = wait_for(lambda: next((node for node in walk(chooser) if role(node) == "text"
                                          and is_showing(node)), None), 10, "the file name entry")
        self.app.type_text(location, self.backup)
        self.app.click("push button", "Save", within=chooser)
        dialog = self.app.window("Back Up Now")
        self.app.find("label", "Backup Verified", within=dialog, timeout=60)
        self.app.screenshot("checklist-backup")
        self.app.click("push button", "Close", within=dialog)
        wait_for(lambda: not any(name(window) == "Back Up Now" for window in self.app.node), 10,
                 "the backup dialog to close")
        assert os.path.getsize(self.backup) > 0
        self.settled()
        wait_for(lambda: self.state_of(title) == "Passed", 30, "the backup item to pass")

    def walk_steps(self):
        for number, step in enumerate(self.steps, 1):
            if number > 1:
                self.app.click("push button", "Next")
                self.step_shown(number)
            self.app.find("label", step["title"])
            for item in step["items"]:
                title = item["title"]
                if item["kind"] == "automatic":
                    state = self.state_of(title)
                    assert state != "Running", f"{title} is still running"
                    if item.get("check") == "backup-verified":
                        self.make_backup()
                    continue
                if not item.get("required", True):
                    self.app.click("push button", f"Skip: {title}")
                    wait_for(lambda t=title: self.state_of(t) == "Skipped", 10, f"“{title}” to be skipped")
                    continue
                # GTK 4.8 gives check buttons no accessible action: click
                # it with the pointer.
                box = self.app.find("check box", f"Done: {title}")
                self.reveal(box)
                self.app.mouse_click(box)
                wait_for(lambda b=box: has_state(b, pyatspi.STATE_CHECKED), 10, f"“{title}” to be ticked")
                wait_for(lambda t=title: self.state_of(t) == "Done", 10, f"“{title}” to read Done")
                self.app.find("label", f"Done by {SIGNER} at ", exact=False)
                if item["id"] == "restore-tested":
                    note = self.app.find("text", f"Note: {title}")
                    self.reveal(note)
                    self.app.type_text(note, NOTE, activate=True)
            self.app.screenshot(f"checklist-step-{number}")

    def sign(self):
        self.app.click("push button", "Next")
        self.step_shown(self.n_steps)
        self.app.find("label", "Sign-off")
        self.app.find("label", "Not ready: ", exact=False)
        signer = self.app.entry("Signer’s Name")
        assert text_of(signer) == SIGNER, f"the signer's name reads “{text_of(signer)}”"
        self.app.type_into("Role", ROLE)
        self.app.click("push button", "Sign")
        signed = self.app.find("label", f"Signed by {SIGNER} ({ROLE}) on ", exact=False, timeout=10)
        assert " · fingerprint " in name(signed), name(signed)
        self.app.screenshot(f"checklist-step-{self.n_steps}")

    def saved(self):
        files = glob.glob(os.path.join(self.app.home.config, "preflight", "checklists", "*.json"))
        assert len(files) == 1, files
        with open(files[0], encoding="utf-8") as f:
            saved = json.load(f)
        run = saved["current"]
        assert run["signoff"]["signer"] == SIGNER and run["signoff"]["role"] == ROLE, run["signoff"]
        entries = {entry["id"]: entry for entry in run["entries"]}
        assert entries["restore-tested"]["state"] == "done" and entries["restore-tested"]["who"] == SIGNER
        assert entries["restore-tested"].get("note") == NOTE, entries["restore-tested"]
        assert entries["duration-measured"]["state"] == "skipped"
        assert entries["backup-verified"]["state"] == "done", entries["backup-verified"]
        assert run["backups"], "no backup recorded"

    def check_again(self):
        # One access log row of a user who does not exist, in the file the app opened.
        connection = sqlite3.connect(self.demo_path())
        try:
            connection.execute("INSERT INTO scheduling_accesslog (action, ip_address, timestamp, user_agent, "
                               "user_id) VALUES ('login', NULL, '2026-11-21 10:00:00', 'e2e', 'GHOST9')")
            connection.commit()
        finally:
            connection.close()
        self.app.click("push button", "Check Again")
        changes = wait_for(lambda: [label for label in self.labels()
                                    if "orphaned row" in label and "scheduling_accesslog" in label],
                           120, "Check Again to name the new orphaned row")
        assert changes[0].startswith("1 new orphaned row in scheduling_accesslog"), changes
        assert not any(label.startswith("Nothing changed since") for label in self.labels())
        self.reveal(self.app.find("label", changes[0], within=self.page))
        self.app.screenshot("checklist-check-again")

    def overview(self):
        self.page = None
        self.app.click("page tab", "Overview")
        self.app.find("label", f"Signed by {SIGNER} on ", exact=False, timeout=10)

    def quit(self):
        if self.app is not None:
            self.app.quit()


def main():
    tap = Tap(8)
    checklist = Checklist()
    try:
        for description_, step in [
                ("the demo's Checklist page offers the templates", checklist.start),
                ("Start Checklist shows Step 1 of 8 of the routine template", checklist.begin),
                ("the first step's automatic items ran: connection passed, integrity and history failed",
                 checklist.first_step),
                ("every step: manual items ticked by name, the optional one skipped, the backup made "
                 "and verified", checklist.walk_steps),
                ("the sign-off is signed with name and role and a fingerprint", checklist.sign),
                ("the run, its ticks, note, skip, backup and sign-off are saved", checklist.saved),
                ("after an orphaned row is added, Check Again names it", checklist.check_again),
                ("the Overview says the checklist is signed", checklist.overview)]:
            tap.run(description_, step)
    finally:
        checklist.quit()
    tap.exit()


if __name__ == "__main__":
    main()
