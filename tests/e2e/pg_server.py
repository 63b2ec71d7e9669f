"""A throwaway PostgreSQL cluster for the e2e tests.

    with PgServer() as pg:
        url = pg.url(pg.MANAGER, pg.MANAGER_PASSWORD, "rota")

It initdb's a cluster into a fresh directory under /tmp with password
authentication everywhere (scram-sha-256, the superuser's password given with
--pwfile), listens on a free 127.0.0.1 TCP port and on a unix socket in that
directory, and holds the database "rota" owned by the role "manager", whose
password is full of URL-special characters. rota's shifts point at a member of
staff who does not exist through a foreign key declared NOT VALID: the
blocker a scan must report.

The cluster always goes away: stop() (also called by the context manager and
at exit), and a watchdog shell in its own session that stops the server and
removes the directory when this process dies, however it dies (it waits on a
pipe only this process holds open, as tests/pf-test-pg.c does).

Root cannot run postgres: as root, initdb, pg_ctl and postgres run as the
"postgres" user (runuser), which owns the directory.
"""

import atexit
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import urllib.parse

BINDIR_CANDIDATES = ("/usr/lib/postgresql/15/bin",)

# Expected by the tests: the shifts of staff member 99, who does not exist.
ROTA_SCHEMA = """
CREATE TABLE staff (
  id integer PRIMARY KEY,
  name text NOT NULL
);
CREATE TABLE shifts (
  id integer PRIMARY KEY,
  staff_id integer NOT NULL,
  starts_at timestamptz NOT NULL
);
INSERT INTO staff VALUES (1, 'Ada Lovelace'), (2, 'Grace Hopper'), (3, 'Alan Turing');
INSERT INTO shifts VALUES
  (1, 1, '2026-11-23 07:00+00'),
  (2, 2, '2026-11-23 15:00+00'),
  (3, 99, '2026-11-23 23:00+00'),
  (4, 99, '2026-11-24 07:00+00'),
  (5, 3, '2026-11-24 15:00+00');
ALTER TABLE shifts ADD CONSTRAINT shifts_staff_id_fkey
  FOREIGN KEY (staff_id) REFERENCES staff (id) NOT VALID;
"""

_WATCHDOG = r"""
cat >/dev/null 2>&1
pidfile="$1/data/postmaster.pid"
if [ -f "$pidfile" ]; then
  if [ "$3" = 1 ]; then
    runuser -u postgres -- "$2" -D "$1/data" stop -m immediate -w -s
  else
    "$2" -D "$1/data" stop -m immediate -w -s
  fi
  if [ -f "$pidfile" ]; then kill -KILL "$(head -n 1 "$pidfile")"; fi
fi
rm -rf "$1"
"""


class PgError(RuntimeError):
    pass


def find_bindir():
    candidates = [os.environ.get("PF_TEST_PG_BINDIR", ""), *BINDIR_CANDIDATES]
    initdb = shutil.which("initdb")
    if initdb:
        candidates.append(os.path.dirname(initdb))
    for directory in candidates:
        if directory and all(os.access(os.path.join(directory, program), os.X_OK)
                             for program in ("initdb", "pg_ctl", "postgres", "psql")):
            return directory
    raise PgError("No PostgreSQL server binaries (initdb, pg_ctl, postgres) found; "
                  "install postgresql-15")


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PgServer:
    SUPERUSER = "pf_e2e"
    MANAGER = "manager"
    MANAGER_PASSWORD = "p@ss:w/rd?#%"
    DATABASE = "rota"

    def __init__(self):
        self.bindir = find_bindir()
        self.as_postgres = os.geteuid() == 0
        self.superuser_password = "super:" + os.urandom(6).hex()
        self.dir = None
        self.port = None
        self.started = False
        self._watchdog = None
        self._watchdog_fd = None

    # -- lifecycle -----------------------------------------------------------

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()

    def start(self):
        atexit.register(self.stop)
        # "postgres" must reach the directory, and socket paths are short.
        self.dir = tempfile.mkdtemp(prefix="pf-e2e-pg-", dir="/tmp")
        if self.as_postgres:
            user = pwd.getpwnam("postgres")
            os.chown(self.dir, user.pw_uid, user.pw_gid)
        self._start_watchdog()
        self.port = free_port()
        datadir = os.path.join(self.dir, "data")
        pwfile = os.path.join(self.dir, "pwfile")
        with open(pwfile, "w", encoding="utf-8") as handle:
            handle.write(self.superuser_password + "\n")
        self._give_to_postgres(pwfile)

        self._run("initdb", "-D", datadir, "-U", self.SUPERUSER, "-E", "UTF8", "--no-locale",
                  "--auth=scram-sha-256", "--pwfile", pwfile, "--no-sync", "--no-instructions")
        os.unlink(pwfile)
        conf = os.path.join(datadir, "postgresql.conf")
        with open(conf, "a", encoding="utf-8") as handle:
            handle.write("\n# pg_server.py\n"
                         "listen_addresses = '127.0.0.1'\n"
                         f"unix_socket_directories = '{self.dir}'\n"
                         f"port = {self.port}\n"
                         "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
                         "autovacuum = off\nshared_buffers = 16MB\nmax_connections = 40\n"
                         "password_encryption = 'scram-sha-256'\n")
        try:
            self._run("pg_ctl", "-D", datadir, "-l", os.path.join(self.dir, "postgres.log"),
                      "-w", "-t", "60", "-s", "start")
        except PgError as error:
            raise PgError(f"{error}\n{self.log_tail()}") from None
        self.started = True

        password = self.MANAGER_PASSWORD.replace("'", "''")
        self.psql(f"CREATE ROLE {self.MANAGER} LOGIN PASSWORD '{password}'")
        self.psql(f"CREATE DATABASE {self.DATABASE} OWNER {self.MANAGER}")
        self.psql(ROTA_SCHEMA, dbname=self.DATABASE, user=self.MANAGER,
                  password=self.MANAGER_PASSWORD)
        return self

    def stop(self):
        if self.dir is None:
            return
        if self.started:
            try:
                self._run("pg_ctl", "-D", os.path.join(self.dir, "data"),
                          "stop", "-m", "immediate", "-w", "-s")
            except PgError as error:
                print(f"# pg_server: {error}", flush=True)
            self.started = False
        shutil.rmtree(self.dir, ignore_errors=True)
        self.dir = None
        # Closing the pipe wakes the watchdog, which finds nothing left to do.
        if self._watchdog_fd is not None:
            os.close(self._watchdog_fd)
            self._watchdog_fd = None
        if self._watchdog is not None:
            self._watchdog.wait()
            self._watchdog = None

    # -- helpers -------------------------------------------------------------

    def url(self, user=None, password=None, dbname=None, host="127.0.0.1"):
        """A DATABASE_URL with the user and password percent-encoded."""
        user = user or self.MANAGER
        password = self.MANAGER_PASSWORD if password is None else password
        dbname = dbname or self.DATABASE
        quote = lambda text: urllib.parse.quote(text, safe="")  # noqa: E731
        credentials = quote(user) + (":" + quote(password) if password else "")
        return f"postgresql://{credentials}@{host}:{self.port}/{quote(dbname)}"

    def psql(self, sql, dbname="postgres", user=None, password=None):
        """Run @sql through psql over TCP; return its output (unaligned, tuples only)."""
        env = dict(os.environ)
        env["PGPASSWORD"] = self.superuser_password if password is None else password
        env.pop("PGSERVICEFILE", None)
        env.pop("PGSERVICE", None)
        result = subprocess.run(
            [os.path.join(self.bindir, "psql"), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
             "-h", "127.0.0.1", "-p", str(self.port), "-U", user or self.SUPERUSER,
             "-d", dbname, "-f", "-"],
            input=sql, env=env, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise PgError(f"psql failed: {result.stderr.strip()}")
        return result.stdout

    def log_tail(self):
        try:
            with open(os.path.join(self.dir, "postgres.log"), encoding="utf-8",
                      errors="replace") as handle:
                return "".join("# " + line for line in handle.readlines()[-20:])
        except OSError:
            return ""

    def _give_to_postgres(self, path):
        if self.as_postgres:
            user = pwd.getpwnam("postgres")
            os.chown(path, user.pw_uid, user.pw_gid)

    def _run(self, program, *args):
        argv = [os.path.join(self.bindir, program), *args]
        if self.as_postgres:
            argv = ["runuser", "-u", "postgres", "--", *argv]
        # The cwd must be one "postgres" can enter.
        result = subprocess.run(argv, cwd=self.dir, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            output = " ".join((result.stderr + " " + result.stdout).split())
            raise PgError(f"{program} failed with status {result.returncode}: {output}")
        return result.stdout

    def _start_watchdog(self):
        read_fd, write_fd = os.pipe()  # both non-inheritable: only the watchdog gets read_fd
        self._watchdog = subprocess.Popen(
            ["/bin/sh", "-c", _WATCHDOG, "pf-e2e-pg-watchdog", self.dir,
             os.path.join(self.bindir, "pg_ctl"), "1" if self.as_postgres else "0"],
            stdin=read_fd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            cwd="/", start_new_session=True)
        os.close(read_fd)
        self._watchdog_fd = write_fd


if __name__ == "__main__":
    # Manual check: start, print how to reach it, stop on Enter.
    with PgServer() as server:
        print(server.url())
        print(server.psql("SELECT count(*) FROM shifts", dbname=server.DATABASE))
        input("Enter stops the cluster ")
