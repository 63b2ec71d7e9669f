"""Drive the real preflight binary through its accessibility tree (AT-SPI).

The app and this driver share one X server (Xvfb, GDK_BACKEND=x11; ./run
test wraps the suite in xvfb-run) and one accessibility bus. Tests find
controls the way a person does: by role and visible name, and click, type and
press keys through AT-SPI actions and the X server (XTEST).

Isolation, so that tests neither see nor disturb anything else:
- this process starts its own AT-SPI bus (and registry) at import, and gives
  it to each app as AT_SPI_BUS_ADDRESS: the bus at-spi-bus-launcher makes
  lives at one fixed path per user, which parallel test sessions fight over
  (set PF_E2E_SHARED_A11Y_BUS=1 to use the session's bus instead);
- each App gets a private home (HOME, XDG config/cache/data/runtime dirs)
  and its own session bus, a dbus-daemon that activates nothing: no Secret
  Service answers unless the test asks for a keyring (keyring=True starts a
  real gnome-keyring-daemon on that bus, keeping its keyrings in the home),
  and nothing reaches the real user's keyring;
- every helper process (buses, keyring, app) is killed by a watchdog if the
  test process dies.

    app = App(binary)                        # fresh home, no keyring
    app = App(binary, keyring=True)          # a real gnome-keyring-daemon
    app.quit(keep_home=True)                 # quit; the home stays
    app = App(binary, home=app.home, keyring=True)  # restart on the same home
"""
import atexit
import ctypes
import os
import shutil
import subprocess
import tempfile
import time

from gi.repository import Gio, GLib

DEFAULT_TIMEOUT = 30.0
KEYRING_PASSWORD = "e2e-keyring"
SECRETS_NAME = "org.freedesktop.secrets"

_BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <!-- A private session bus for one app run: no service directories, so
       nothing (no keyring, no portal) is ever activated on it. -->
  <type>session</type>
  <listen>unix:dir={dir}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


class DriverError(AssertionError):
    pass


def spawn(argv, **kwargs):
    """subprocess.Popen(@argv) that cannot outlive this process: a watchdog
    shell in its own session waits on a pipe only we hold and terminates the
    child when the pipe closes, however this process ends."""
    process = subprocess.Popen(argv, **kwargs)
    read_fd, write_fd = os.pipe()  # non-inheritable: only the watchdog gets read_fd
    subprocess.Popen(["/bin/sh", "-c", 'cat >/dev/null 2>&1; kill "$0" 2>/dev/null', str(process.pid)],
                     stdin=read_fd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                     cwd="/", start_new_session=True)
    os.close(read_fd)
    process.guard_fd = write_fd
    return process


def _terminate(process, timeout=10):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    guard_fd = getattr(process, "guard_fd", None)
    if guard_fd is not None:
        os.close(guard_fd)
        process.guard_fd = None


class _AccessibilityBus:
    """This test process's own AT-SPI bus (with its registry daemon).

    at-spi-bus-launcher puts the bus of every D-Bus session at the same path
    ($XDG_RUNTIME_DIR/at-spi/bus, or ~/.cache/at-spi/bus without
    XDG_RUNTIME_DIR), so two test sessions at once (two people's ./run test,
    or CI jobs on one machine) take each other's bus away. A bus of our own,
    given to the apps as AT_SPI_BUS_ADDRESS, keeps each test to itself.
    """

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="pf-e2e-a11y-", dir="/tmp")
        self.address = f"unix:path={self.dir}/bus"
        env = dict(os.environ)
        # The registry daemon the bus activates finds the bus by this.
        env["AT_SPI_BUS_ADDRESS"] = self.address
        self.process = spawn(
            ["dbus-daemon", "--nofork", "--config-file",
             "/usr/share/defaults/at-spi2/accessibility.conf", "--address", self.address,
             "--print-address=1"],
            env=env, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, text=True)
        if not self.process.stdout.readline().strip():
            raise DriverError("the accessibility bus (dbus-daemon) did not start")
        os.environ["AT_SPI_BUS_ADDRESS"] = self.address
        atexit.register(self.stop)

    def stop(self):
        _terminate(self.process)
        shutil.rmtree(self.dir, ignore_errors=True)


if os.environ.get("PF_E2E_SHARED_A11Y_BUS") != "1":
    _ACCESSIBILITY_BUS = _AccessibilityBus()

# Only now: pyatspi connects to the bus AT_SPI_BUS_ADDRESS names.
import pyatspi  # noqa: E402


def wait_for(predicate, timeout=DEFAULT_TIMEOUT, what="condition"):
    """Poll @predicate until it returns something truthy; return that."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            value = predicate()
        except DriverError:
            raise
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


def description(node):
    """@node's accessible description: what a screen reader adds after the
    name (a badge's reason, a tooltip-like explanation)."""
    try:
        return node.description or ""
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


def extents(node):
    try:
        return node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    except Exception:
        return None


def is_showing(node):
    """Whether a person can see @node now.

    GTK 4.8 reports neither the "showing" state nor hides the unmapped pages of
    a GtkStack, but it gives unmapped widgets an empty extent.
    """
    box = extents(node)
    return box is not None and box.width > 0 and box.height > 0


def is_within(node, outer):
    """Whether @node lies wholly inside @outer (a window, a list) on screen.

    A page that an AdwLeaflet slid away keeps its size in GTK 4.8; it only
    moves outside the window, so is_showing() alone cannot tell.
    """
    box, frame = extents(node), extents(outer)
    return (box is not None and frame is not None and box.width > 0 and box.height > 0
            and box.x >= frame.x and box.y >= frame.y
            and box.x + box.width <= frame.x + frame.width
            and box.y + box.height <= frame.y + frame.height)


def text_of(node):
    """The text inside an entry, a label or any node with the Text interface."""
    try:
        text = node.queryText()
        return text.getText(0, text.characterCount)
    except Exception:
        return name(node)


def states(node):
    try:
        return node.getState()
    except Exception:
        return None


def has_state(node, state):
    current = states(node)
    return current is not None and current.contains(state)


def do_action(node, *wanted):
    """Run the first of @node's actions named in @wanted (default: click-like)."""
    wanted = wanted or ("click", "press", "activate", "toggle")
    action = node.queryAction()
    available = [action.getName(index) for index in range(action.nActions)]
    for candidate in wanted:
        if candidate in available:
            action.doAction(available.index(candidate))
            return
    raise DriverError(f"{role(node)} “{name(node)}” has none of the actions {wanted} "
                      f"(it has {available})")


def type_text(node, text, activate=False):
    """Replace the text of the entry @node with @text, as typing it would.

    GTK 4.8 implements AT-SPI's EditableText for its text widgets; the entry
    emits "changed" just as for typed text. With @activate, Enter follows
    (an AdwEntryRow's apply button, a dialog's default button).
    """
    node = editable_in(node)
    if activate:
        # Focused first: an AdwEntryRow offers to apply only what was
        # typed while it had the focus.
        mouse_click(node)
    editable = node.queryEditableText()
    if not editable.setTextContents(text):
        # Some widgets only take insertions.
        editable.deleteText(0, node.queryText().characterCount)
        editable.insertText(0, text, len(text.encode("utf-8")))
    wait_for(lambda: text_of(node) == text, 5, f"the entry to hold “{text}”")
    if activate:
        press_key("Return")
    return node


def editable_in(node):
    """@node if it is editable text, or the first editable text inside it."""
    for candidate in walk(node, 12):
        try:
            candidate.queryEditableText()
        except (NotImplementedError, Exception):
            continue
        if role(candidate) in ("text", "entry", "password text", "spin button"):
            return candidate
    raise DriverError(f"no editable text in {role(node)} “{name(node)}”")


def focus(node):
    try:
        node.queryComponent().grabFocus()
    except Exception:
        pass


def table_rows(table):
    """The text of each row a GtkColumnView (role "tree table") has made,
    as a list of cell texts per row, in order."""
    rows = []
    for node in walk(table):
        if role(node) == "table row":
            # The header row holds titles, not cells.
            if not any(role(cell) == "table cell" for cell in walk(node, 1)):
                continue
            cells = []
            for cell in walk(node):
                if role(cell) == "label":
                    cells.append(name(cell))
            rows.append(cells)
    return rows


class _XTest:
    """Pointer and keyboard events through the X server's XTEST extension.

    at-spi's own generateMouseEvent/generateKeyboardEvent need the registry
    daemon to know the X display, and under ./run test it does not (the
    session bus that starts it comes before xvfb-run), so we talk to the X
    server ourselves.
    """

    _instance = None

    def __init__(self):
        self.x11 = ctypes.CDLL("libX11.so.6")
        self.xtst = ctypes.CDLL("libXtst.so.6")
        self.x11.XOpenDisplay.restype = ctypes.c_void_p
        self.x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
        self.x11.XStringToKeysym.restype = ctypes.c_ulong
        self.x11.XStringToKeysym.argtypes = [ctypes.c_char_p]
        self.x11.XKeysymToKeycode.restype = ctypes.c_ubyte
        self.x11.XKeysymToKeycode.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
        self.x11.XFlush.argtypes = [ctypes.c_void_p]
        self.x11.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
        self.xtst.XTestFakeKeyEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int,
                                                ctypes.c_ulong]
        self.xtst.XTestFakeButtonEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int,
                                                   ctypes.c_ulong]
        self.xtst.XTestFakeMotionEvent.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int,
                                                   ctypes.c_int, ctypes.c_ulong]
        self.display = self.x11.XOpenDisplay(None)
        if not self.display:
            raise DriverError(f"cannot open the X display {os.environ.get('DISPLAY')}")

    @classmethod
    def get(cls):
        if cls._instance is None:
            cls._instance = cls()
        return cls._instance

    def _sync(self):
        self.x11.XSync(self.display, 0)

    def move(self, x, y):
        self.xtst.XTestFakeMotionEvent(self.display, -1, int(x), int(y), 0)
        self._sync()

    def click(self, x, y, button=1):
        self.move(x, y)
        time.sleep(0.05)
        self.xtst.XTestFakeButtonEvent(self.display, button, 1, 0)
        self._sync()
        time.sleep(0.05)
        self.xtst.XTestFakeButtonEvent(self.display, button, 0, 0)
        self._sync()

    def keycode(self, keyname):
        keysym = self.x11.XStringToKeysym(keyname.encode())
        code = self.x11.XKeysymToKeycode(self.display, keysym) if keysym else 0
        if not code:
            raise DriverError(f"no key “{keyname}” on this keyboard")
        return code

    def key(self, keyname, modifiers=()):
        codes = [self.keycode(modifier) for modifier in modifiers]
        for code in codes:
            self.xtst.XTestFakeKeyEvent(self.display, code, 1, 0)
        code = self.keycode(keyname)
        self.xtst.XTestFakeKeyEvent(self.display, code, 1, 0)
        self.xtst.XTestFakeKeyEvent(self.display, code, 0, 0)
        for code in reversed(codes):
            self.xtst.XTestFakeKeyEvent(self.display, code, 0, 0)
        self._sync()


def mouse_click(node, button=1):
    """Click the middle of @node with the pointer.

    Xvfb runs no window manager, so every toplevel sits at the screen's top
    left and GTK's window coordinates are screen coordinates.
    """
    box = extents(node)
    if box is None or box.width <= 0 or box.height <= 0:
        raise DriverError(f"{role(node)} “{name(node)}” is not on screen")
    _XTest.get().click(box.x + box.width // 2, box.y + box.height // 2, button)
    time.sleep(0.3)


def hover(node):
    """Move the pointer over the middle of @node: the keys pressed next go to
    its window (no window manager: focus follows the pointer)."""
    box = extents(node)
    if box is None or box.width <= 0 or box.height <= 0:
        raise DriverError(f"{role(node)} “{name(node)}” is not on screen")
    _XTest.get().move(box.x + box.width // 2, box.y + box.height // 2)
    time.sleep(0.1)


def wheel(over, down=True, clicks=1):
    """Turn the mouse wheel @clicks notches over the middle of @over."""
    box = extents(over)
    if box is None or box.width <= 0 or box.height <= 0:
        raise DriverError(f"{role(over)} “{name(over)}” is not on screen")
    for _click in range(clicks):
        _XTest.get().click(box.x + box.width // 2, box.y + box.height // 2, 5 if down else 4)
        time.sleep(0.1)


def scroll_into_view(node, window, steps=40):
    """Scroll the wheel over @window until @node is inside it."""
    for _step in range(steps):
        box, frame = extents(node), extents(window)
        if box is None or frame is None:
            return
        if box.y < 60:
            button = 4  # up
        elif box.y + box.height > frame.y + frame.height - 10:
            button = 5  # down
        else:
            return
        point = (frame.x + frame.width // 2, frame.y + frame.height // 2)
        _XTest.get().click(*point, button)
        time.sleep(0.1)


def press_key(keyname, modifiers=()):
    """Press and release a key (an X keysym name: "Return", "Escape", "Down",
    "r"), holding @modifiers ("Control_L", "Shift_L"). It goes to the window
    under the pointer (no window manager: focus follows the pointer)."""
    _XTest.get().key(keyname, modifiers)
    time.sleep(0.2)


def dump(node, max_depth=40, only_showing=True):
    """The accessible tree below @node as text, for debugging a test."""
    lines = []

    def visit(current, depth):
        if depth > max_depth or (only_showing and depth > 2 and not is_showing(current)):
            return
        extra = ""
        if role(current) in ("text", "entry", "password text"):
            extra = f" = “{text_of(current)}”"
        lines.append(f"{'  ' * depth}[{role(current)}] “{name(current)}”{extra}")
        try:
            children = list(current)
        except Exception:
            children = []
        for child in children:
            visit(child, depth + 1)

    visit(node, 0)
    return "\n".join(lines)


def accessibility_bus_address():
    """The shared AT-SPI bus, as the test session bus announces it."""
    address = os.environ.get("AT_SPI_BUS_ADDRESS")
    if address:
        return address
    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    reply = bus.call_sync("org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus", "GetAddress",
                          None, GLib.VariantType.new("(s)"), Gio.DBusCallFlags.NONE, 10000, None)
    return reply.unpack()[0]


class Home:
    """The app's private XDG dirs; survives restarts of the app.

    @path: an existing folder (or a tempfile.TemporaryDirectory) to reuse, or
    None for a new temporary one removed by cleanup().
    """

    def __init__(self, path=None):
        self._temporary = None
        if path is None:
            self._temporary = tempfile.TemporaryDirectory(prefix="pf-e2e-", dir="/tmp")
            path = self._temporary.name
        elif isinstance(path, tempfile.TemporaryDirectory):
            path = path.name
        self.path = str(path)
        for sub in ("config", "cache", "data", "runtime", "home"):
            os.makedirs(os.path.join(self.path, sub), mode=0o700, exist_ok=True)
        os.chmod(self.runtime, 0o700)

    name = property(lambda self: self.path)  # like a TemporaryDirectory
    config = property(lambda self: os.path.join(self.path, "config"))
    cache = property(lambda self: os.path.join(self.path, "cache"))
    data = property(lambda self: os.path.join(self.path, "data"))
    runtime = property(lambda self: os.path.join(self.path, "runtime"))

    def environment(self):
        return {
            "HOME": os.path.join(self.path, "home"),
            "XDG_CONFIG_HOME": self.config,
            "XDG_CACHE_HOME": self.cache,
            "XDG_DATA_HOME": self.data,
            "XDG_RUNTIME_DIR": self.runtime,
        }

    def cleanup(self):
        if self._temporary is not None:
            self._temporary.cleanup()
            self._temporary = None


class PrivateBus:
    """A dbus-daemon of our own that activates nothing."""

    def __init__(self, directory):
        self.dir = tempfile.mkdtemp(prefix="bus-", dir=directory)
        config = os.path.join(self.dir, "bus.conf")
        with open(config, "w", encoding="utf-8") as handle:
            handle.write(_BUS_CONFIG.format(dir=self.dir))
        self.process = spawn(
            ["dbus-daemon", "--nofork", "--config-file", config, "--print-address=1"],
            stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True)
        self.address = self.process.stdout.readline().strip()
        if not self.address:
            raise DriverError("the private dbus-daemon did not start")
        self._connection = None

    def connection(self):
        if self._connection is None:
            self._connection = Gio.DBusConnection.new_for_address_sync(
                self.address,
                Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT
                | Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION, None, None)
        return self._connection

    def has_owner(self, bus_name):
        reply = self.connection().call_sync(
            "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
            "NameHasOwner", GLib.Variant("(s)", (bus_name,)), GLib.VariantType.new("(b)"),
            Gio.DBusCallFlags.NONE, 5000, None)
        return reply.unpack()[0]

    def stop(self):
        if self._connection is not None:
            try:
                self._connection.close_sync(None)
            except GLib.Error:
                pass
            self._connection = None
        _terminate(self.process)
        self.process.stdout.close()
        shutil.rmtree(self.dir, ignore_errors=True)


class Keyring:
    """A real gnome-keyring-daemon (Secret Service) on @bus, keeping its
    keyrings in @home's data dir: a restart with the same home finds the
    passwords stored before."""

    def __init__(self, home, bus):
        self.bus = bus
        self.env = dict(os.environ)
        self.env.update(home.environment())
        self.env["DBUS_SESSION_BUS_ADDRESS"] = bus.address
        # --replace: we are the only daemon on this bus anyway; --unlock reads
        # the login keyring's password from stdin (creating the keyring).
        self.process = spawn(
            ["gnome-keyring-daemon", "--replace", "--foreground", "--unlock",
             "--components=secrets"],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env=self.env, start_new_session=True)
        self.process.stdin.write(KEYRING_PASSWORD.encode())
        self.process.stdin.close()
        wait_for(lambda: self._ready(), 20, "gnome-keyring-daemon on the private session bus")

    def _ready(self):
        if self.process.poll() is not None:
            raise DriverError(f"gnome-keyring-daemon exited with status {self.process.returncode}")
        return self.bus.has_owner(SECRETS_NAME)

    def search(self, **attributes):
        """The stored items matching @attributes, as secret-tool prints them."""
        argv = ["secret-tool", "search", "--all", "--unlock"]
        for key, value in attributes.items():
            argv += [key.replace("_", ":", 1) if key.startswith("xdg_") else key, value]
        result = subprocess.run(argv, env=self.env, capture_output=True, text=True,
                                timeout=30, check=False)
        return result.stdout + result.stderr

    def secrets(self, schema="io.github.preflightdb.Preflight.Password"):
        """Every secret stored under @schema."""
        return [line.split(" = ", 1)[1] for line in self.search(xdg_schema=schema).splitlines()
                if line.startswith("secret = ")]

    def stop(self):
        _terminate(self.process)


class App:
    """One running preflight process with private dirs and session bus.

    @home: None for a fresh temporary home (removed at quit unless
    keep_home), or a Home / path / TemporaryDirectory to reuse, e.g. the
    previous run's app.home. @keyring: start a gnome-keyring-daemon on the
    app's session bus first (self.keyring). @dark: ask libadwaita for the
    dark style (ADW_DEBUG_COLOR_SCHEME=prefer-dark, libadwaita ≥ 1.2).
    """

    def __init__(self, binary, args=(), screenshot_dir=None, home=None, keyring=False,
                 dark=False, env=None):
        self.owns_home = home is None
        self.home = home if isinstance(home, Home) else Home(home)
        self.screenshot_dir = screenshot_dir
        self.bus = None
        self.keyring = None
        self.process = None
        try:
            self.bus = PrivateBus(self.home.runtime)
            if keyring:
                self.keyring = Keyring(self.home, self.bus)
            environment = dict(os.environ)
            environment.update(self.home.environment())
            environment.update({
                "GDK_BACKEND": "x11",
                "GSETTINGS_BACKEND": "memory",
                "DBUS_SESSION_BUS_ADDRESS": self.bus.address,
                "AT_SPI_BUS_ADDRESS": accessibility_bus_address(),
                "GTK_A11Y": "atspi",
            })
            for variable in ("NO_AT_BRIDGE", "G_DEBUG", "ADW_DEBUG_COLOR_SCHEME",
                             "PGPASSWORD", "PGSERVICEFILE", "PGSERVICE", "PGPASSFILE"):
                # Warnings are not fatal for the app under test: we judge what it shows.
                environment.pop(variable, None)
            if dark:
                environment["ADW_DEBUG_COLOR_SCHEME"] = "prefer-dark"
            environment.update(env or {})
            self.process = spawn([binary, *args], env=environment)
            self.node = wait_for(self._find_application, 60,
                                 "the Preflight window in the accessibility tree")
        except BaseException:
            self.quit(keep_home=not self.owns_home)
            raise

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

    # -- finding things --------------------------------------------------------

    def _check_alive(self):
        if self.process.poll() is not None:
            raise DriverError(f"preflight exited with status {self.process.returncode}")

    def find(self, role_name, text, timeout=DEFAULT_TIMEOUT, exact=True, showing=True, within=None):
        """The first node of @role_name (None: any role) named @text."""
        def match():
            self._check_alive()
            for node in walk(within or self.node):
                if role_name is not None and role(node) != role_name:
                    continue
                if any((label == text) if exact else (text in label) for label in names(node)):
                    if not showing or is_showing(node):
                        return node
            return None
        return wait_for(match, timeout, what=f"{role_name or 'anything'} “{text}”")

    def find_scrolling(self, role_name, text, over, exact=True, steps=40, within=None):
        """find() in a long list that only makes the rows it shows
        (GtkListView, GtkColumnView): turn the wheel over @over, down then
        up, until the row comes into being (inside @within, if given)."""
        for button in (5, 4):
            for _step in range(steps):
                try:
                    return self.find(role_name, text, timeout=0.3, exact=exact, within=within)
                except DriverError:
                    pass
                box = extents(over)
                if box is None:
                    break
                _XTest.get().click(box.x + box.width // 2, box.y + box.height // 2, button)
                time.sleep(0.15)
        return self.find(role_name, text, timeout=1, exact=exact, within=within)

    def find_near(self, anchor, role_name, text, exact=True, levels=8):
        """The @role_name named @text closest to @anchor in the tree: in the
        smallest of @anchor's ancestors that holds one. Tells apart the
        several "Cancel" buttons of a window by the one next to @anchor."""
        node = anchor
        for _level in range(levels):
            node = node.parent
            if node is None:
                break
            for candidate in walk(node):
                if role(candidate) == role_name and is_showing(candidate) and any(
                        (label == text) if exact else (text in label) for label in names(candidate)):
                    return candidate
        raise DriverError(f"no {role_name} “{text}” near {role(anchor)} “{name(anchor)}”")

    def find_all(self, role_name, showing=True, within=None):
        return [n for n in walk(within or self.node)
                if (role_name is None or role(n) == role_name)
                and (not showing or is_showing(n))]

    def texts(self, role_name="label", within=None):
        return [name(n) for n in self.find_all(role_name, within=within)]

    def wait_gone(self, role_name, text, timeout=DEFAULT_TIMEOUT, exact=True):
        def gone():
            self._check_alive()
            return not any(any((label == text) if exact else (text in label)
                               for label in names(node))
                           for node in self.find_all(role_name))
        wait_for(gone, timeout, f"{role_name} “{text}” to go away")

    @property
    def main_window(self):
        """The app's first window (the main window)."""
        return wait_for(lambda: next((child for child in self.node if role(child) == "frame"), None),
                        DEFAULT_TIMEOUT, "the main window")

    def window(self, title, timeout=DEFAULT_TIMEOUT):
        """A top-level window (or dialog) of the app by its title.

        GTK 4.8 gives some dialogs (GtkFileChooserDialog) the role "filler".
        """
        def match():
            self._check_alive()
            for child in self.node:
                if name(child) == title and role(child) in ("frame", "dialog", "window", "alert",
                                                            "filler"):
                    return child
            return None
        return wait_for(match, timeout, f"the window “{title}”")

    def row(self, title, timeout=DEFAULT_TIMEOUT, within=None):
        """A libadwaita row (AdwActionRow/AdwEntryRow/AdwComboRow) by its title.

        Rows are list items named by their title (or "title subtitle" in
        GTK 4.8); the first whose name starts with @title wins.
        """
        def match():
            self._check_alive()
            for node in walk(within or self.node):
                if role(node) in ("list item", "row", "panel", "push button", "combo box") \
                        and (name(node) == title or name(node).startswith(title + " ")
                             or name(node).startswith(title + "\n")) and is_showing(node):
                    return node
            return None
        return wait_for(match, timeout, f"the row “{title}”")

    def entry(self, title, timeout=DEFAULT_TIMEOUT, within=None):
        """The editable text of the AdwEntryRow titled @title."""
        def match():
            self._check_alive()
            for node in walk(within or self.node):
                if role(node) in ("text", "entry", "password text") and is_showing(node) \
                        and title in names(node):
                    return node
            row = self.row(title, 1, within)
            return editable_in(row)
        return wait_for(match, timeout, f"the entry “{title}”")

    # -- doing things ----------------------------------------------------------

    def click(self, role_name, text, timeout=DEFAULT_TIMEOUT, exact=True, within=None):
        """Click the @role_name named @text: its accessible action, or the
        pointer for what has none (view switcher tabs, combo rows)."""
        node = self.find(role_name, text, timeout, exact=exact, within=within)
        try:
            do_action(node)
        except DriverError:
            mouse_click(node)
        except NotImplementedError:
            mouse_click(node)
        return node

    def click_item(self, text, exact=True, timeout=DEFAULT_TIMEOUT, within=None):
        """Click the list row (or button) that shows the label @text."""
        label = self.find(None, text, timeout, exact=exact, within=within)
        node = label
        for _level in range(8):
            try:
                action = node.queryAction()
                if action.nActions > 0:
                    do_action(node, "activate", "click", "press", "select")
                    return node
            except DriverError:
                pass
            except Exception:
                pass
            node = node.parent
            if node is None:
                break
        # GTK 4.8 gives list box rows no action: click them with the pointer.
        mouse_click(label)
        return label

    def choose(self, title, item, within=None):
        """Pick @item in the AdwComboRow titled @title as a person does:
        click the row, move to the item in its popover with the arrow keys,
        press Enter."""
        row = self.row(title, within=within)

        def popover():
            return next((n for n in walk(row) if role(n) == "filler" and name(n) == "GtkPopover"
                         and is_showing(n)), None)

        def items(node):
            return [name(label) for entry in walk(node) if role(entry) == "list item"
                    for label in walk(entry) if role(label) == "label"]

        def current():
            shown = [n for n in walk(row) if role(n) == "list" and is_showing(n)]
            return items(shown[0]) if shown else []

        if current() == [item]:
            return row
        before = current()
        self.mouse_click(row)
        menu = wait_for(popover, 10, f"the list of {title}")
        choices = items(menu)
        if item not in choices:
            raise DriverError(f"{title} offers {choices}, not “{item}”")
        steps = choices.index(item) - (choices.index(before[0]) if before and before[0] in choices else 0)
        for _step in range(abs(steps)):
            self.press("Down" if steps > 0 else "Up")
        self.press("Return")
        wait_for(lambda: current() == [item], 10,
                 f"{title} to show “{item}” (it shows {current()})")
        return row

    def activate(self, node):
        do_action(node)
        return node

    def mouse_click(self, node):
        mouse_click(node)
        return node

    def scroll_into_view(self, node, window):
        scroll_into_view(node, window)
        return node

    def hover(self, node):
        hover(node)
        return node

    def focus(self, node):
        focus(node)
        return node

    def type_text(self, node, text, activate=False):
        return type_text(node, text, activate)

    def type_into(self, title, text, activate=False, within=None):
        """Type @text into the entry row titled @title."""
        return type_text(self.entry(title, within=within), text, activate)

    def press(self, keyname, modifiers=()):
        press_key(keyname, modifiers)

    def screenshot(self, basename):
        if not self.screenshot_dir:
            return None
        os.makedirs(self.screenshot_dir, exist_ok=True)
        path = os.path.join(self.screenshot_dir, basename + ".png")
        # Let GTK finish drawing the frame we are about to capture.
        time.sleep(0.7)
        # Xvfb has no window manager: the app's windows sit at the top left
        # of a black screen. Keep the part they cover.
        boxes = []
        for window in self.node:
            try:
                box = window.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
            except Exception:
                continue
            if box.width > 0 and box.height > 0:
                boxes.append((max(box.x, 0), max(box.y, 0), box.x + box.width, box.y + box.height))
        argv = ["import", "-window", "root"]
        if boxes:
            left, top = min(b[0] for b in boxes), min(b[1] for b in boxes)
            right, bottom = max(b[2] for b in boxes), max(b[3] for b in boxes)
            argv += ["-crop", f"{right - left}x{bottom - top}+{left}+{top}", "+repage"]
        subprocess.run([*argv, path], check=True)
        return path

    def dump(self, within=None):
        return dump(within or self.node)

    # -- lifecycle -------------------------------------------------------------

    def alive(self):
        return self.process is not None and self.process.poll() is None

    def quit(self, keep_home=None):
        """Stop the app (as a window manager's close would end it), its
        keyring and bus. The home is removed if this App made it, unless
        @keep_home."""
        if self.process is not None:
            _terminate(self.process)
        if self.keyring is not None:
            self.keyring.stop()
        if self.bus is not None:
            self.bus.stop()
        if keep_home is None:
            keep_home = not self.owns_home
        if not keep_home:
            self.home.cleanup()
