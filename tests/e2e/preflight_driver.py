"""Drive the real preflight binary through its accessibility tree (AT-SPI).

The app and this driver must share one D-Bus session (./run test wraps the
suite in dbus-run-session) and one X server (Xvfb, GDK_BACKEND=x11). Tests
find controls the way a person does: by role and visible name.
"""

import os
import subprocess
import tempfile
import time

import pyatspi

DEFAULT_TIMEOUT = 30.0


class DriverError(AssertionError):
    pass


def wait_for(predicate, timeout=DEFAULT_TIMEOUT, what="condition"):
    """Poll @predicate until it returns something truthy; return that."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            value = predicate()
        except Exception:  # AT-SPI objects may vanish while we look
            value = None
        if value:
            return value
        if time.monotonic() > deadline:
            raise DriverError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.1)


def walk(node, max_depth=60):
    """Every accessible below @node, depth first, skipping dead objects."""
    stack = [(node, 0)]
    while stack:
        current, depth = stack.pop()
        if current is None:
            continue
        yield current
        if depth >= max_depth:
            continue
        try:
            count = current.childCount
        except Exception:
            continue
        for index in reversed(range(count)):
            try:
                stack.append((current.getChildAtIndex(index), depth + 1))
            except Exception:
                pass


def role(node):
    try:
        return node.getRoleName()
    except Exception:
        return ""


def name(node):
    try:
        return node.name or ""
    except Exception:
        return ""


def names(node):
    """The names a person would read for @node: its own and its labels'.

    GTK 4.8 names some buttons twice ("OK OK": the label it is labelled by
    plus its content), so a button's child label counts as its name too.
    """
    result = [name(node)]
    if role(node) in ("push button", "toggle button", "menu item"):
        try:
            result += [name(child) for child in node if role(child) == "label"]
        except Exception:
            pass
    return result


def is_showing(node):
    """Whether a person can see @node now.

    GTK 4.8 reports neither the "showing" state nor hides the unmapped pages of
    a GtkStack, but it gives unmapped widgets an empty extent.
    """
    try:
        extents = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    except Exception:
        return False
    return extents.width > 0 and extents.height > 0


class App:
    """One running preflight process with private config and cache dirs."""

    def __init__(self, binary, args=(), screenshot_dir=None):
        self.home = tempfile.TemporaryDirectory(prefix="pf-e2e-")
        env = dict(os.environ)
        env.update({
            "GDK_BACKEND": "x11",
            "XDG_CONFIG_HOME": os.path.join(self.home.name, "config"),
            "XDG_CACHE_HOME": os.path.join(self.home.name, "cache"),
            "XDG_DATA_HOME": os.path.join(self.home.name, "data"),
            "GSETTINGS_BACKEND": "memory",
        })
        env.pop("NO_AT_BRIDGE", None)
        # Warnings are not fatal for the app under test: we judge what it shows.
        env.pop("G_DEBUG", None)
        self.screenshot_dir = screenshot_dir
        self.process = subprocess.Popen([binary, *args], env=env)
        self.node = wait_for(self._find_application, what="the Preflight window in the accessibility tree")

    def _find_application(self):
        if self.process.poll() is not None:
            raise DriverError(f"preflight exited early with status {self.process.returncode}")
        desktop = pyatspi.Registry.getDesktop(0)
        for index in range(desktop.childCount):
            app = desktop.getChildAtIndex(index)
            if app is None:
                continue
            try:
                if app.get_process_id() != self.process.pid:
                    continue
            except Exception:
                continue
            if app.childCount > 0:
                return app
        return None

    def find(self, role_name, text, timeout=DEFAULT_TIMEOUT, exact=True, showing=True):
        def match():
            if self.process.poll() is not None:
                raise DriverError(f"preflight exited with status {self.process.returncode}")
            for node in walk(self.node):
                if role(node) != role_name:
                    continue
                if any((label == text) if exact else (text in label) for label in names(node)):
                    if not showing or is_showing(node):
                        return node
            return None
        return wait_for(match, timeout, what=f"{role_name} “{text}”")

    def find_all(self, role_name, showing=True):
        return [n for n in walk(self.node)
                if role(n) == role_name and (not showing or is_showing(n))]

    def texts(self, role_name="label"):
        return [name(n) for n in self.find_all(role_name)]

    def click(self, role_name, text, timeout=DEFAULT_TIMEOUT):
        node = self.find(role_name, text, timeout)
        action = node.queryAction()
        for index in range(action.nActions):
            if action.getName(index) in ("click", "press", "activate"):
                action.doAction(index)
                return node
        raise DriverError(f"{role_name} “{text}” has no click action")

    def screenshot(self, basename):
        if not self.screenshot_dir:
            return None
        os.makedirs(self.screenshot_dir, exist_ok=True)
        path = os.path.join(self.screenshot_dir, basename + ".png")
        # Let GTK finish drawing the frame we are about to capture.
        time.sleep(0.5)
        subprocess.run(["import", "-window", "root", path], check=True)
        return path

    def alive(self):
        return self.process.poll() is None

    def quit(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.home.cleanup()
