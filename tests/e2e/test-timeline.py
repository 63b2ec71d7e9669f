#!/usr/bin/python3
"""The Timeline page as a person uses it.

On the demo: the next deployment's summary, its three pending migrations in
order with the Will fail badge on the first, the banner of history-level
problems, the drift of scheduling.0018 found by searching, and the detail of
a migration with its operation in plain words and as written (light and
dark). On saved connections: a migration marked as reviewed stays reviewed
after a restart, and a connection without a project folder gets one through
the file chooser. On a generated project with 5,000 migrations: the load
time, and the list scrolls from the next deployment to the oldest deployment.

The large project (make_large_project.py) is built once into
$PF_E2E_CACHE_DIR. Saves timeline-demo.png, timeline-detail.png,
timeline-detail-operations.png (and the three in -dark), timeline-reviewed.png,
timeline-reviewed-restarted.png, timeline-no-project.png,
timeline-folder-chooser.png, timeline-project-chosen.png, timeline-large.png,
timeline-large-end.png and timeline-large-last-pending.png in
$PF_SCREENSHOT_DIR.
"""

import datetime
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from make_large_project import large_project  # noqa: E402
from preflight_driver import (App, DriverError, Home, description, extents, has_state,  # noqa: E402
                              is_showing, is_within, name, role, wait_for, walk, wheel)
import pyatspi  # noqa: E402
from tap import Tap  # noqa: E402

SUMMARY = ("3 migrations will run; 1 will fail; 1 is risky. 6 problems in the migrations block "
           "every deployment. 2 more need a look.")
PENDING = [
    ("scheduling · 0024_alter_shift_status", "Changes the column status of shifts"),
    ("scheduling · 0024_staffprofile_payroll_number", "Adds the column payroll_number to staff profiles"),
    ("scheduling · 0025_remove_accesslog_user_agent",
     "Removes the column user_agent from access logs, and 1 more change"),
]
CONFLICT = "Conflicting migrations in scheduling"
DUPLICATE = "The app “scheduling” has two migrations numbered 0024"
DRIFTED = "scheduling · 0018_staffcertification"
PAYROLL = PENDING[1][0]
PAYROLL_STATE = "Pending: runs as number 2 of the next deployment"
PAYROLL_PLAIN = "Adds the column payroll_number to staff profiles"
PAYROLL_CODE = "migrations.AddField(model_name='staffprofile', name='payroll_number', "
REVIEWER = "Zoë Ångström-Øyen"
REVIEWED_CONNECTION = "Rota copy"
BARE_CONNECTION = "Rota without project"
LARGE_CONNECTION = "Back office (5,000 migrations)"


def shots():
    return os.environ.get("PF_SCREENSHOT_DIR")


# -- the page --------------------------------------------------------------------

BADGES = ("Will fail", "Risky", "Reviewed", "Drift", "Faked?", "No file", "Conflict", "Same number",
          "Out of order")


def row_title(row_name):
    """A row's title from its accessible name: "2: app · name. Summary" and
    "History. 43 migrations applied…" give "app · name" and "History"."""
    row_name = re.sub(r"^\d+: ", "", row_name)
    return row_name.split(". ", 1)[0]


class Timeline:
    """The Timeline page of @app's window: the list and the detail pane.

    It keeps to the page's own nodes: walking the whole window (the other
    pages, a list of hundreds of rows) costs seconds over AT-SPI.
    """

    def __init__(self, app, ready="Next Deployment"):
        self.app = app
        app.click("page tab", "Timeline")
        self.list = self.search = self.back_button = None
        wait_for(self._find_parts, 60, "the Timeline page")
        # The pane of the list (filters, the no-project hint) and of the detail.
        self.pane = self.search.parent.parent
        self.detail = self.back_button.parent
        if ready:
            wait_for(lambda: ready in self.titles(), 60, f"“{ready}” in the Timeline")

    def _find_parts(self):
        """The list, the search field and the back button, in one walk that
        stays out of lists and tables (hundreds of rows)."""
        stack = [self.app.main_window]
        while stack:
            node = stack.pop()
            kind, label = role(node), name(node)
            if kind not in ("list", "tree table", "table"):
                try:
                    stack.extend(node.getChildAtIndex(i) for i in range(node.childCount))
                except Exception:
                    pass
            if kind == "list" and label == "Migrations":
                self.list = node
            elif kind == "entry" and label == "Search migrations":
                self.search = node
            elif kind == "push button" and label.startswith("Back to the list"):
                self.back_button = node
            if self.list is not None and self.search is not None and self.back_button is not None:
                return is_showing(self.list)
        return False

    def rows(self):
        """The accessible names of the rows the list has made, in order
        ("2: scheduling · 0024_staffprofile_payroll_number. Adds the column…")."""
        result = []
        for item in self.list:
            try:
                result.append(name(item.getChildAtIndex(0)))
            except Exception:
                result.append("")
        return result

    def titles(self):
        return [row_title(row) for row in self.rows()]

    def row(self, title, timeout=10):
        """The row titled @title, scrolled onto the screen."""
        def made():
            titles = self.titles()
            return self.list.getChildAtIndex(titles.index(title)) if title in titles else None
        item = wait_for(made, timeout, f"the row “{title}”")
        self.reveal(self.title_label(item, title))
        return item

    def reveal(self, label, steps=40):
        """Turn the wheel over the list until @label is inside it: GTK 4.8
        gives the rows it made but does not show no size at all."""
        if is_within(label, self.list):
            return
        # Down if the row comes after the first one shown, else up.
        item = label
        while role(item) != "list item":
            item = item.parent
        index = item.getIndexInParent()
        shown = next((i for i, child in enumerate(self.list)
                      if is_within(child, self.list)), len(self.rows()))
        for _step in range(steps):
            wheel(self.list, down=index > shown)
            if is_within(label, self.list):
                return
        raise DriverError(f"the row “{name(label)}” cannot be scrolled into the list")

    @staticmethod
    def title_label(item, title):
        return next(node for node in walk(item) if role(node) == "label" and name(node) == title)

    @staticmethod
    def labels(item):
        return [name(node) for node in walk(item) if role(node) == "label"]

    @staticmethod
    def badges(item):
        """{badge: its accessible description} of a row."""
        return {name(node): description(node) for node in walk(item)
                if role(node) == "label" and name(node) in BADGES}

    def click(self, title):
        """Click the row titled @title, as a person does."""
        item = self.row(title)
        label = self.title_label(item, title)
        settled(self.app, label, f"the row “{title}” to stay put")
        self.app.mouse_click(label)
        return item

    def shown(self, text):
        """The detail's label @text if the detail is on screen (the label
        itself may be scrolled out of it)."""
        if not is_within(self.detail, self.app.main_window):
            return None
        return next((node for node in walk(self.detail) if role(node) == "label" and name(node) == text),
                    None)

    def find_in_detail(self, role_name, text, exact=True):
        return self.app.find(role_name, text, exact=exact, within=self.detail, timeout=10)

    def open(self, title, anchor):
        """Select the row @title and show its detail: a click (in a narrow
        window the detail then takes the list's place), or Enter on the
        selected row. Returns the detail's label @anchor."""
        self.click(title)
        try:
            return wait_for(lambda: self.shown(anchor), 3, f"the detail of {title} after a click")
        except DriverError:
            self.app.press("Return")
            return wait_for(lambda: self.shown(anchor), 10, f"the detail of {title} after Enter")

    def back(self):
        self.app.activate(self.back_button)
        settled(self.app, self.list, "the list to come back")

    def type_search(self, text):
        self.app.type_text(self.search, text)


def settled(app, node, what):
    """Wait for @node to be inside the window and to stay put (the leaflet's
    slide has ended)."""
    last = [None]

    def still():
        box = extents(node)
        now = (box.x, box.y, box.width, box.height) if box is not None else None
        done = now == last[0] and is_within(node, app.main_window)
        last[0] = now
        return done
    wait_for(still, 10, what)


def connections_json(home):
    with open(os.path.join(home.config, "preflight", "connections.json"), encoding="utf-8") as f:
        return json.load(f)


def saved_connection(home, connection):
    for entry in connections_json(home)["connections"]:
        if entry.get("name") == connection:
            return entry
    raise DriverError(f"no connection “{connection}” in connections.json")


# -- the demo ----------------------------------------------------------------------

class Demo:
    def __init__(self, dark=False):
        self.suffix = "-dark" if dark else ""
        self.dark = dark
        self.app = None
        self.page = None

    def start(self):
        self.app = App(os.environ["PF_APP"], screenshot_dir=shots(), dark=self.dark)
        self.app.click("push button", "Try the Demo")
        self.app.find("page tab", "Timeline", timeout=60)
        self.page = Timeline(self.app)

    def heading(self):
        labels = self.page.labels(self.page.row("Next Deployment"))
        assert labels == ["Next Deployment", SUMMARY], f"the heading reads {labels}"
        self.app.screenshot("timeline-demo" + self.suffix)

    def pending_in_order(self):
        titles = self.page.titles()
        wanted = [title for title, _plain in PENDING]
        first = titles.index(wanted[0]) if wanted[0] in titles else None
        assert first is not None and titles[first:first + 3] == wanted, \
            f"the pending migrations are not listed in order: {titles}"
        for position, (title, plain) in enumerate(PENDING, 1):
            labels = self.page.labels(self.page.row(title))
            assert labels[:3] == [str(position), title, plain], \
                f"row {position} reads {labels}, expected {[str(position), title, plain]}"

    def will_fail_on_first(self):
        badges = [self.page.badges(self.page.row(title)) for title, _plain in PENDING]
        assert "Will fail" in badges[0], f"no Will fail badge on {PENDING[0][0]}: {badges[0]}"
        reason = badges[0]["Will fail"]
        assert reason.startswith("Will fail: Migration scheduling.0024_alter_shift_status will fail"), \
            f"the Will fail badge says “{reason}”"
        assert "Will fail" not in badges[1] and "Will fail" not in badges[2], \
            f"Will fail on more than the first: {badges}"
        assert badges[2].get("Risky", "").startswith("Risky: "), \
            f"{PENDING[2][0]} is not marked Risky with a reason: {badges[2]}"

    def banner(self):
        titles = self.page.titles()
        heading = titles.index("Next Deployment")
        first_pending = titles.index(PENDING[0][0])
        for title in (CONFLICT, DUPLICATE):
            assert title in titles[heading + 1:first_pending], \
                f"“{title}” is not between the heading and the pending migrations: {titles}"
        explanation = " ".join(self.page.labels(self.page.row(CONFLICT)))
        assert "0024_alter_shift_status" in explanation and "0025_remove_accesslog_user_agent" in explanation, \
            f"the conflict does not name its migrations: “{explanation}”"

    def drift(self):
        self.page.type_search("0018")
        badges = self.page.badges(self.page.row(DRIFTED))
        assert badges.get("Drift") == "Drift: The table scheduling_staffcertification is missing", \
            f"{DRIFTED} has the badges {badges}"
        # Its deployment opened by itself; nothing else matches.
        titles = self.page.titles()
        assert PENDING[0][0] not in titles and "scheduling · 0017_shift_is_overtime" not in titles, \
            f"the search for 0018 shows {titles}"
        self.page.type_search("")
        self.page.row(PENDING[0][0])

    def click_opens_detail(self):
        self.page.click(PAYROLL)
        wait_for(lambda: self.page.shown(PAYROLL_STATE), 5, "a click on a migration to show its detail")

    def detail(self):
        state = self.page.shown(PAYROLL_STATE) or self.page.open(PAYROLL, PAYROLL_STATE)
        title = self.app.find_near(state, "label", PAYROLL)
        assert is_within(title, self.app.main_window), "the detail's title is not on screen"
        self.page.find_in_detail("push button", "Open Folder")
        self.app.find_near(self.page.find_in_detail("label", "Depends On"), "list item",
                           "scheduling · 0023_accesslog_user_agent")
        self.app.screenshot("timeline-detail" + self.suffix)
        operations = self.page.find_in_detail("label", "Operations")
        self.app.find_near(operations, "label", PAYROLL_PLAIN)
        code = self.app.find_near(operations, "label", PAYROLL_CODE, exact=False)
        assert name(code).startswith(PAYROLL_CODE), f"the operation as written: “{name(code)}”"
        self.app.scroll_into_view(code, self.app.main_window)
        self.app.screenshot("timeline-detail-operations" + self.suffix)

    def back(self):
        self.page.back()
        # Alt+Left goes back too.
        self.page.open(PAYROLL, PAYROLL_STATE)
        self.app.press("Left", ["Alt_L"])
        settled(self.app, self.page.list, "Alt+Left to bring the list back")

    def quit(self):
        if self.app is not None:
            self.app.quit()


# -- saved connections ---------------------------------------------------------------

class Saved:
    """A home with the demo database copied out, and saved connections to it."""

    def __init__(self):
        self.home = Home()
        self.app = None
        self.page = None
        self.database = os.path.join(self.home.path, "rota copy.sqlite3")
        self.project = os.path.join(self.home.path, "rota project")

    def cli(self, *args):
        env = dict(os.environ)
        env.update(self.home.environment())
        return subprocess.run([os.environ["PF_CLI"], *args], env=env, capture_output=True,
                              text=True, timeout=120, check=False)

    def prepare(self):
        # preflight-cli writes the demo database and its project into the
        # home's cache dir, as the app does; the connections get copies.
        result = self.cli("migrations", "--demo")
        demo = os.path.join(self.home.cache, "preflight")
        assert os.path.isfile(os.path.join(demo, "demo.sqlite3")), result.stderr
        shutil.copyfile(os.path.join(demo, "demo.sqlite3"), self.database)
        shutil.copytree(os.path.join(demo, "demo-project"), self.project)
        for args in (["connections", "add", REVIEWED_CONNECTION, self.database, "--project", self.project],
                     ["connections", "add", BARE_CONNECTION, self.database]):
            result = self.cli(*args)
            assert result.returncode == 0, result.stderr
        assert saved_connection(self.home, REVIEWED_CONNECTION)["project_dir"] == self.project
        assert "project_dir" not in saved_connection(self.home, BARE_CONNECTION)

    def start(self, connection, ready="Next Deployment"):
        if self.app is not None:
            self.app.quit(keep_home=True)
            self.app = None
        self.app = App(os.environ["PF_APP"], screenshot_dir=shots(), home=self.home)
        self.app.click_item(connection)
        self.app.find("page tab", "Timeline", timeout=60)
        self.page = Timeline(self.app, ready)

    def switch(self):
        return self.page.find_in_detail("check box", "Marked as reviewed", exact=False)

    # -- reviewed ---------------------------------------------------------------

    def mark_reviewed(self):
        self.start(REVIEWED_CONNECTION)
        self.page.open(PAYROLL, PAYROLL_STATE)
        self.app.type_text(self.page.find_in_detail("text", "Reviewer"), REVIEWER)
        switch = self.switch()
        assert not has_state(switch, pyatspi.STATE_CHECKED), "already marked as reviewed"
        self.app.activate(switch)
        wait_for(lambda: has_state(switch, pyatspi.STATE_CHECKED), 5, "the switch to be on")
        self.page.find_in_detail("label", f"Reviewed by {REVIEWER} on ", exact=False)
        self.app.screenshot("timeline-reviewed")
        self.page.back()
        badges = self.page.badges(self.page.row(PAYROLL))
        assert badges.get("Reviewed") == f"Reviewed by {REVIEWER}", f"the row's badges: {badges}"

    def review_saved(self):
        def review():
            reviews = saved_connection(self.home, REVIEWED_CONNECTION).get("reviews", [])
            return next((r for r in reviews if r.get("app") == "scheduling"
                         and r.get("name") == "0024_staffprofile_payroll_number"), None)
        found = wait_for(review, 10, "the review in connections.json")
        assert found["reviewer"] == REVIEWER, found
        assert found.get("checksum") and found.get("reviewed_at"), found
        # Only that one, and not on the other connection.
        assert len(saved_connection(self.home, REVIEWED_CONNECTION)["reviews"]) == 1
        assert not saved_connection(self.home, BARE_CONNECTION).get("reviews")

    def reviewed_after_restart(self):
        self.start(REVIEWED_CONNECTION)
        badges = self.page.badges(self.page.row(PAYROLL))
        assert "Reviewed" in badges, f"after the restart the row's badges are {badges}"
        for title, _plain in (PENDING[0], PENDING[2]):
            assert "Reviewed" not in self.page.badges(self.page.row(title)), title
        self.page.open(PAYROLL, PAYROLL_STATE)
        self.page.find_in_detail("label", f"Reviewed by {REVIEWER} on ", exact=False)
        assert has_state(self.switch(), pyatspi.STATE_CHECKED), "the switch is off after the restart"
        self.app.screenshot("timeline-reviewed-restarted")

    # -- no project folder -----------------------------------------------------

    def no_project(self):
        self.start(BARE_CONNECTION, ready="History")
        self.app.find("label", "No Project Folder", within=self.page.pane)
        self.app.find("push button", "Choose Project Folder…", within=self.page.pane)
        # The history is there, the next deployment is not.
        titles = self.page.titles()
        assert "Next Deployment" not in titles and PENDING[0][0] not in titles, titles
        self.app.screenshot("timeline-no-project")

    def choose_project(self):
        self.app.click("push button", "Choose Project Folder…", within=self.page.pane)
        # Without a portal GtkFileChooserNative shows GTK's own dialog. Ctrl+L
        # opens its location entry: type the folder, Choose.
        chooser = self.app.window("Choose the Project Folder")
        self.app.hover(self.app.find("push button", "Choose", within=chooser))
        self.app.press("l", ["Control_L"])
        location = wait_for(lambda: next((node for node in walk(chooser) if role(node) == "text"
                                          and is_within(node, chooser)), None),
                            10, "the location entry")
        self.app.type_text(location, self.project)
        self.app.screenshot("timeline-folder-chooser")
        self.app.click("push button", "Choose", within=chooser)
        wait_for(lambda: not any(name(window) == "Choose the Project Folder" for window in self.app.node),
                 10, "the file chooser to close")
        self.page.row(PENDING[0][0], timeout=60)
        wait_for(lambda: "No Project Folder" not in [name(node) for node in self.app.find_all(
            "label", within=self.page.pane) if role(node.parent) != "list item"], 10,
            "No Project Folder to go away")
        labels = self.page.labels(self.page.row("Next Deployment"))
        assert labels == ["Next Deployment", SUMMARY], f"the heading reads {labels}"
        titles = self.page.titles()
        first = titles.index(PENDING[0][0])
        assert titles[first:first + 3] == [title for title, _plain in PENDING], titles
        wait_for(lambda: saved_connection(self.home, BARE_CONNECTION).get("project_dir") == self.project,
                 10, f"connections.json to hold the project folder of {BARE_CONNECTION}")
        self.app.screenshot("timeline-project-chosen")

    def quit(self):
        if self.app is not None:
            self.app.quit(keep_home=True)
        self.home.cleanup()


# -- 5,000 migrations --------------------------------------------------------------------

class Large:
    def __init__(self):
        self.home = Home()
        self.app = None
        self.page = None
        self.project = None
        self.database = None
        self.pending = None

    def prepare(self):
        cache = os.environ.get("PF_E2E_CACHE_DIR") or tempfile.mkdtemp(prefix="pf-e2e-cache-")
        begin = time.monotonic()
        self.project, source = large_project(os.path.join(cache, "large-project"))
        print(f"# large project ready in {time.monotonic() - begin:.1f} s", flush=True)
        # The test reads a copy: the app must not write to it, and the cache stays clean.
        self.database = os.path.join(self.home.path, "back office.sqlite3")
        shutil.copyfile(source, self.database)
        env = dict(os.environ)
        env.update(self.home.environment())
        result = subprocess.run([os.environ["PF_CLI"], "migrations", self.database, "--project",
                                 self.project, "--format", "json"], env=env, capture_output=True,
                                text=True, timeout=300, check=False)
        report = json.loads(result.stdout)
        report = report.get("migrations", report)
        self.pending = report["pending"]
        assert len(self.pending) == 1000, f"{len(self.pending)} pending migrations"
        result = subprocess.run([os.environ["PF_CLI"], "connections", "add", LARGE_CONNECTION,
                                 self.database, "--project", self.project], env=env,
                                capture_output=True, text=True, timeout=60, check=False)
        assert result.returncode == 0, result.stderr

    def load(self):
        self.app = App(os.environ["PF_APP"], screenshot_dir=shots(), home=self.home)
        begin = time.monotonic()
        self.app.click_item(LARGE_CONNECTION)
        self.app.click("page tab", "Timeline", timeout=60)
        tab = time.monotonic()
        summary = self.app.find("label", "migrations will run", exact=False, timeout=120)
        loaded = time.monotonic()
        print(f"# load time: {loaded - begin:.2f} s (from opening the connection; "
              f"{loaded - tab:.2f} s after showing the Timeline page)", flush=True)
        assert re.match(r"1[,.\u202f\u00a0]?000 migrations will run", name(summary)), \
            f"the summary reads “{name(summary)}”"
        self.page = Timeline(self.app)
        self.app.screenshot("timeline-large")

    def oldest_deployment(self):
        """The title of the oldest deployment: when its first migration was recorded."""
        connection = sqlite3.connect(f"file:{self.database}?mode=ro", uri=True)
        try:
            (first,), = connection.execute("SELECT min(applied) FROM django_migrations")
        finally:
            connection.close()
        when = datetime.datetime.fromisoformat(first)
        return f"{when.day} {when:%B %Y, %H:%M}"

    def scroll_to_end(self):
        oldest = self.oldest_deployment()
        last = self.pending[-1]
        last = f"{last['app']} · {last['name']}"
        first = self.pending[0]
        titles = self.page.titles()
        assert titles[1] == f"{first['app']} · {first['name']}", titles[:3]
        assert oldest not in titles and last not in titles, "the list made rows for all its lines"
        # The keyboard, as a person who knows the list: from the search field
        # Tab past the filters into the list, then End.
        filters = list(walk(self.page.search.parent))
        self.app.mouse_click(self.page.search)
        for _press in range(6):
            self.app.press("Tab")
            if not any(has_state(node, pyatspi.STATE_FOCUSED) for node in filters):
                break
        self.app.hover(self.page.list)
        self.app.press("End")
        rows = wait_for(lambda: (lambda rows: rows if row_title(rows[-1]) == oldest else None)(
            self.page.rows()), 20, f"the oldest deployment “{oldest}” at the end of the list")
        assert re.match(r"\d+ migrations$", rows[-1].split(". ", 1)[1]), rows[-1]
        self.app.screenshot("timeline-large-end")
        # Page up to the last migration of the next deployment.
        titles = self.page.titles()
        assert last in titles, f"{last} is not among the last rows: {titles}"
        label = self.page.title_label(self.page.list.getChildAtIndex(titles.index(last)), last)
        for _press in range(40):
            if is_within(label, self.page.list):
                break
            self.app.press("Page_Up")
        labels = self.page.labels(self.page.row(last))
        assert labels[:2] == ["1000", last], f"the last pending migration reads {labels}"
        self.app.screenshot("timeline-large-last-pending")

    def quit(self):
        if self.app is not None:
            self.app.quit(keep_home=True)
        self.home.cleanup()


def main():
    tap = Tap(19)

    demo = Demo()
    try:
        for description_, step in [
                ("the demo's Timeline page opens", demo.start),
                ("the Next Deployment heading sums up what will run and what is in the way", demo.heading),
                ("the three pending migrations are listed in the order they will run", demo.pending_in_order),
                ("the first carries Will fail with its reason, the others not; the third is Risky",
                 demo.will_fail_on_first),
                ("the banner under the heading names the conflict and the duplicate number 0024", demo.banner),
                ("searching 0018 opens its deployment: scheduling.0018_staffcertification is marked Drift",
                 demo.drift),
                ("in a narrow window a click on a migration shows its detail", demo.click_opens_detail),
                ("the detail of 0024_staffprofile_payroll_number reads its operation in plain words "
                 "and as written", demo.detail),
                ("Back to the list and Alt+Left return to the list", demo.back)]:
            tap.run(description_, step)
    finally:
        demo.quit()

    dark = Demo(dark=True)
    try:
        tap.run("in dark mode the page and a detail are legible (screenshots)",
                lambda: (dark.start(), dark.heading(), dark.detail()))
    finally:
        dark.quit()

    saved = Saved()
    try:
        tap.run("saved connections to a copy of the demo, with and without its project", saved.prepare)
        tap.run(f"marking 0024_staffprofile_payroll_number reviewed by {REVIEWER}", saved.mark_reviewed)
        tap.run("the review is saved with the connection in connections.json", saved.review_saved)
        tap.run("after a restart the row is still Reviewed and the detail says by whom",
                saved.reviewed_after_restart)
        tap.run("without a project folder the page shows the history and offers Choose Project Folder…",
                saved.no_project)
        tap.run("choosing the demo project in the file chooser shows the next deployment and saves the folder",
                saved.choose_project)
    finally:
        saved.quit()

    large = Large()
    try:
        tap.run("a generated project with 5,000 migrations and its database are ready, saved as a connection",
                large.prepare)
        tap.run("its Timeline loads: 1000 migrations will run", large.load)
        tap.run("the list scrolls from the next deployment to the oldest deployment", large.scroll_to_end)
    finally:
        large.quit()
    tap.exit()


if __name__ == "__main__":
    main()
