#!/usr/bin/python3
"""Saved connections, as a person adds them: a SQLite file by typing its
path, a PostgreSQL server by pasting its DATABASE_URL (the password goes to
a real gnome-keyring-daemon), checks on the PostgreSQL database, and the
connections still there after a restart (in dark mode); without a keyring
the app asks for the password and says why.

Needs a throwaway PostgreSQL 15 cluster (pg_server.py) and gnome-keyring.
Saves editor-sqlite.png, connections-sqlite-saved.png,
editor-postgresql-filled.png, editor-postgresql.png, workspace-postgresql.png,
integrity-postgresql.png, connections-restarted-dark.png and
password-needed.png in $PF_SCREENSHOT_DIR.
"""

import os
import sqlite3
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from pg_server import PgServer  # noqa: E402
from preflight_driver import App, has_state, name, text_of, wait_for  # noqa: E402
import pyatspi  # noqa: E402
from tap import Tap  # noqa: E402

SQLITE_NAME = "Rota archive"
PG_NAME = "Rota server"


def make_sqlite(folder):
    """A small real SQLite database of three tables."""
    path = os.path.join(folder, "rota archive.db")
    connection = sqlite3.connect(path)
    connection.executescript("""
        CREATE TABLE home (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
        CREATE TABLE carer (id INTEGER PRIMARY KEY, name TEXT NOT NULL,
                            home_id INTEGER REFERENCES home (id));
        CREATE TABLE shift (id INTEGER PRIMARY KEY, carer_id INTEGER REFERENCES carer (id),
                            starts_at TEXT NOT NULL);
        INSERT INTO home VALUES (1, 'Elm House');
        INSERT INTO carer VALUES (1, 'Ada', 1), (2, 'Grace', 1);
        INSERT INTO shift VALUES (1, 1, '2026-11-23 07:00'), (2, 2, '2026-11-23 15:00');
    """)
    connection.commit()
    connection.close()
    return path


class Story:
    def __init__(self, pg, folder):
        self.pg = pg
        self.folder = folder
        self.sqlite_path = make_sqlite(folder)
        self.app = None
        self.home = None
        self.shots = os.environ.get("PF_SCREENSHOT_DIR")

    # -- helpers ---------------------------------------------------------------

    def editor(self):
        return self.app.window("New Connection")

    def sidebar_names(self):
        listbox = self.app.find(None, "Saved connections")
        return [name(node) for node in self.app.find_all("label", within=listbox)]

    # -- steps -----------------------------------------------------------------

    def start(self):
        self.app = App(os.environ["PF_APP"], screenshot_dir=self.shots, keyring=True)
        self.home = self.app.home

    def empty_sidebar(self):
        self.app.find("label", "No Connections")
        self.app.find("push button", "Add Connection")

    def add_sqlite(self):
        self.app.click("push button", "Add Connection")
        editor = self.editor()
        self.app.type_into("Name", SQLITE_NAME, within=editor)
        self.app.choose("Kind", "SQLite file", within=editor)
        self.app.type_into("Path", self.sqlite_path, within=editor)
        self.app.click("push button", "Test Connection", within=editor)
        result = self.app.find("label", "tables", exact=False, within=editor, timeout=60)
        assert "3 tables" in name(result), f"the test result says “{name(result)}”, expected 3 tables"
        self.app.scroll_into_view(result, editor)
        self.app.screenshot("editor-sqlite")
        self.app.click("push button", "Save", within=editor)
        self.app.find("label", SQLITE_NAME, timeout=20)
        wait_for(lambda: not any(name(w) == "New Connection" for w in self.app.node), 10,
                 "the editor to close")
        self.app.screenshot("connections-sqlite-saved")

    def add_postgresql(self):
        self.app.click("push button", "Add Connection")
        editor = self.editor()
        url = self.pg.url()
        assert "%40" in url and "%2F" in url, url
        self.app.type_into("Paste a DATABASE_URL", url, activate=True, within=editor)
        # Every field is filled from the URL, the password included.
        for title, value in (("Host", "127.0.0.1"), ("Port", str(self.pg.port)),
                             ("Database", self.pg.DATABASE), ("User", self.pg.MANAGER)):
            entry = self.app.entry(title, within=editor)
            wait_for(lambda: text_of(entry) == value, 10,
                     f"{title} to be “{value}” (it is “{text_of(entry)}”)")
        password = self.app.entry("Password", within=editor)
        wait_for(lambda: len(text_of(password)) == len(self.pg.MANAGER_PASSWORD), 10,
                 "the password to be filled in")
        self.app.type_into("Name", PG_NAME, within=editor)
        self.app.choose("Environment", "Production", within=editor)
        self.app.find("list item", "Preflight only reads", exact=False, within=editor)
        self.app.screenshot("editor-postgresql-filled")
        remember = self.app.find("check box", "Remember password", within=editor)
        if not has_state(remember, pyatspi.STATE_CHECKED):
            self.app.activate(remember)
        wait_for(lambda: has_state(remember, pyatspi.STATE_CHECKED), 5, "Remember password on")
        self.app.click("push button", "Test Connection", within=editor)
        result = self.app.find("label", "tables", exact=False, within=editor, timeout=60)
        assert "2 tables" in name(result), f"the test result says “{name(result)}”, expected 2 tables"
        assert "15" in name(result), f"no server version 15 in “{name(result)}”"
        self.app.scroll_into_view(result, editor)
        self.app.screenshot("editor-postgresql")
        self.app.click("push button", "Save", within=editor)
        self.app.find("label", PG_NAME, timeout=20)
        wait_for(lambda: not any(name(w) == "New Connection" for w in self.app.node), 10,
                 "the editor to close")
        # Its environment shows as a badge in the sidebar.
        self.app.find("label", "Production")

    def password_in_keyring_only(self):
        wait_for(lambda: self.app.keyring.secrets(), 10, "a password in the keyring")
        assert self.app.keyring.secrets() == [self.pg.MANAGER_PASSWORD], self.app.keyring.secrets()
        secrets = [self.pg.MANAGER_PASSWORD.encode(),
                   self.pg.url().split("//", 1)[1].split("@", 1)[0].split(":", 1)[1].encode()]
        # Not in the saved connections, nor anywhere else in the home (the
        # keyring's own file is encrypted).
        assert os.path.exists(os.path.join(self.home.config, "preflight", "connections.json"))
        for folder, _dirs, files in os.walk(self.home.path):
            for file in files:
                path = os.path.join(folder, file)
                if not os.path.isfile(path) or os.path.islink(path):
                    continue
                with open(path, "rb") as handle:
                    contents = handle.read()
                for secret in secrets:
                    assert secret not in contents, f"the password is in {path}"

    def open_postgresql(self):
        self.app.click_item(PG_NAME)
        # It opens without asking: no password dialog, the tables are shown.
        self.app.find("label", "shifts", timeout=60)
        windows = [name(w) for w in self.app.node]
        assert len(windows) == 1, f"more windows than the main one: {windows}"
        assert "Password Needed" not in self.app.texts(), "the app asked for the password"
        self.app.screenshot("workspace-postgresql")

    def check_postgresql(self):
        self.app.click("page tab", "Integrity")
        self.app.click("push button", "Run Checks")
        finding = self.app.find("label", "do not exist", exact=False, timeout=120)
        assert name(finding).startswith("2 "), f"finding “{name(finding)}” does not count 2 rows"
        self.app.find("label", "Blockers", exact=False)
        self.app.screenshot("integrity-postgresql")

    def restart_dark(self):
        self.app.quit(keep_home=True)
        self.app = App(os.environ["PF_APP"], screenshot_dir=self.shots, home=self.home,
                       keyring=True, dark=True)
        self.app.find("push button", "Add Connection")
        try:
            self.app.find("label", SQLITE_NAME, timeout=20)
            self.app.find("label", PG_NAME, timeout=5)
        finally:
            self.app.screenshot("connections-restarted-dark")

    def cli_sees_them(self):
        cli = os.environ.get("PF_CLI")
        env = dict(os.environ)
        env.update(self.home.environment())
        env["DBUS_SESSION_BUS_ADDRESS"] = self.app.bus.address
        result = subprocess.run([cli, "connections", "list"], env=env, capture_output=True,
                                text=True, timeout=60, check=False)
        assert result.returncode == 0, result.stderr
        assert SQLITE_NAME in result.stdout and PG_NAME in result.stdout, result.stdout

    def reopen_after_restart(self):
        self.app.click_item(PG_NAME)
        self.app.find("label", "shifts", timeout=60)
        assert "Password Needed" not in self.app.texts(), "the app asked for the password"

    def no_keyring_asks(self):
        """Without a Secret Service the app asks, and says why."""
        self.app.quit(keep_home=True)
        self.app = App(os.environ["PF_APP"], screenshot_dir=self.shots, home=self.home)
        assert not self.app.bus.has_owner("org.freedesktop.secrets")
        self.app.click_item(PG_NAME)
        self.app.find("label", "Password Needed", timeout=60)
        texts = " ".join(self.app.texts())
        assert "keyring" in texts.lower() or "secret" in texts.lower(), \
            f"the password dialog does not say why it cannot remember: {texts}"
        self.app.screenshot("password-needed")
        entry = self.app.find(None, "Password", timeout=10)
        self.app.type_text(entry, self.pg.MANAGER_PASSWORD)
        self.app.click("push button", "Connect")
        self.app.find("label", "shifts", timeout=60)


def main():
    tap = Tap(12)
    with tempfile.TemporaryDirectory(prefix="pf-e2e-conn-") as folder:
        pg = tap.run("a throwaway PostgreSQL 15 server with the rota database starts",
                     lambda: PgServer().start())
        story = Story(pg, folder)
        if pg is not None:
            tap.run("the app starts with a keyring and no saved connections", story.start)
        if story.app is None:
            tap.skip_rest("no server or no app")
            if pg is not None:
                pg.stop()
            tap.exit()
        try:
            steps = [
                ("the sidebar is empty and offers Add Connection", story.empty_sidebar),
                ("a SQLite file added by typing its path: Test Connection finds 3 tables, "
                 "Save lists it", story.add_sqlite),
                ("a PostgreSQL URL pasted fills every field; Test Connection and Save",
                 story.add_postgresql),
                ("the password is in the keyring and in no file", story.password_in_keyring_only),
                ("the PostgreSQL connection opens without asking for the password",
                 story.open_postgresql),
                ("Run Checks on PostgreSQL reports the NOT VALID orphans as a blocker",
                 story.check_postgresql),
                ("after a restart (dark) the sidebar lists both connections", story.restart_dark),
                ("preflight-cli sees the same saved connections", story.cli_sees_them),
                ("after the restart PostgreSQL opens with the remembered password",
                 story.reopen_after_restart),
                ("without a keyring the app asks for the password and says why",
                 story.no_keyring_asks),
            ]
            for description, step in steps:
                if not story.app.alive():
                    tap.skip_rest("the app is gone")
                    break
                tap.run(description, step)
        finally:
            if story.app is not None:
                story.app.quit(keep_home=False)
            story.home.cleanup()
            pg.stop()
    tap.exit()


if __name__ == "__main__":
    main()
