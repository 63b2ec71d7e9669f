#!/usr/bin/python3
# bench.py — how fast `preflight-cli check` finds orphans, against the tools a DBA would use
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Not a test: `./run bench [--rows N] [--skip-pg | --only-pg] [--runs K]` builds and runs it. It
#
#  1. generates (once per N, cached in the build dir) a Django-shaped staff-rota SQLite
#     database: N shifts plus users keyed by six-digit SAP text, care homes, units, staff
#     profiles, leave entitlements and transactions, supervision records, access logs and
#     sickness records — 13 foreign keys, every FK column indexed, ~0.1% orphans spread
#     over five of them. Rows come from recursive CTEs inside SQLite;
#  2. times `preflight-cli check DB --checks fk-orphans,fk-not-valid --format json --jobs 2`
#     (like for like: the foreign keys, which is all the pragma checks) against
#     `sqlite3 DB 'PRAGMA foreign_key_check'` (median of K runs each), after checking both
#     report the same orphans per (table, parent) — target: Preflight >= 10x faster; the
#     full default check (every check) is timed too, for information;
#  3. does the same on a variant where every FK value is distinct and no FK column is
#     indexed — target: Preflight no slower than the pragma;
#  4. measures Preflight's peak RSS on a table holding 1,000,000 orphans — target < 100 MB;
#  5. unless --skip-pg, loads the first database into a throwaway PostgreSQL cluster (FKs
#     added NOT VALID so the orphans can exist) and times Preflight against
#     RI_Initial_Check's anti-join run per FK, sequentially, in one psql session —
#     target: Preflight >= 3x faster;
#  6. generates (once, cached) a Django project with 5,000 migrations in 50 apps and the
#     SQLite database its first 4,000 made (tests/e2e/make_large_project.py) and times
#     `preflight-cli migrations DB --project DIR --format json` (median of K runs), after
#     checking it reports 4,000 applied, 1,000 pending and nothing but risky operations —
#     for information; then opens the Timeline page on it in a window under Xvfb
#     (tests/bench/bench-timeline.c): load time, and frame times while its list, every
#     deployment open, scrolls down and up — target: median frame under 16.7 ms.
#     `--only-migrations` runs just this step.
#  7. times the PDF of a readiness report with 2,000 findings (tests/bench/bench-report.c: a
#     small SQLite database, a report of synthetic findings, pf_report_compose, the pages laid
#     out, the PDF written; median of K runs) — target: under 2 s. `--only-report` runs just
#     this step.

import argparse
import collections
import csv
import glob
import io
import json
import os
import pwd
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

SOURCE_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(SOURCE_ROOT, "tests", "e2e"))

import make_large_project  # noqa: E402

# Bump when the generated data changes, so stale caches are not reused.
GENERATOR_VERSION = 1


def log(message):
    print(f"bench: {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------- generation --

ROTA_SCHEMA = """
CREATE TABLE "scheduling_user" ("password" varchar(128) NOT NULL, "last_login" datetime NULL, "is_superuser" bool NOT NULL, "sap" varchar(6) NOT NULL PRIMARY KEY, "first_name" varchar(150) NOT NULL, "last_name" varchar(150) NOT NULL, "email" varchar(254) NOT NULL, "is_staff" bool NOT NULL, "is_active" bool NOT NULL, "date_joined" datetime NOT NULL);
CREATE TABLE "scheduling_carehome" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(100) NOT NULL UNIQUE, "code" varchar(10) NOT NULL UNIQUE, "beds" integer unsigned NOT NULL);
CREATE TABLE "scheduling_unit" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(100) NOT NULL, "code" varchar(12) NOT NULL UNIQUE, "capacity" integer unsigned NOT NULL, "carehome_id" bigint NOT NULL REFERENCES "scheduling_carehome" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "scheduling_shift" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "date" date NOT NULL, "start_time" time NOT NULL, "end_time" time NOT NULL, "shift_type" varchar(10) NOT NULL, "status" varchar(12) NOT NULL, "created_at" datetime NOT NULL, "unit_id" bigint NOT NULL REFERENCES "scheduling_unit" ("id") DEFERRABLE INITIALLY DEFERRED, "user_id" varchar(6) NOT NULL REFERENCES "scheduling_user" ("sap") DEFERRABLE INITIALLY DEFERRED, "created_by_id" varchar(6) NULL REFERENCES "scheduling_user" ("sap") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "scheduling_staffprofile" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "job_title" varchar(50) NOT NULL, "contracted_hours" decimal NOT NULL, "start_date" date NOT NULL, "unit_id" bigint NULL REFERENCES "scheduling_unit" ("id") DEFERRABLE INITIALLY DEFERRED, "user_id" varchar(6) NOT NULL UNIQUE REFERENCES "scheduling_user" ("sap") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "scheduling_leaveentitlement" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "leave_year" integer NOT NULL, "days_entitled" decimal NOT NULL, "profile_id" bigint NOT NULL REFERENCES "scheduling_staffprofile" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "scheduling_leavetransaction" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "date" date NOT NULL, "days" decimal NOT NULL, "kind" varchar(12) NOT NULL, "approved_by_id" varchar(6) NULL REFERENCES "scheduling_user" ("sap") DEFERRABLE INITIALLY DEFERRED, "entitlement_id" bigint NOT NULL REFERENCES "scheduling_leaveentitlement" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "scheduling_supervisionrecord" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "date" date NOT NULL, "kind" varchar(20) NOT NULL, "supervisee_id" varchar(6) NOT NULL REFERENCES "scheduling_user" ("sap") DEFERRABLE INITIALLY DEFERRED, "supervisor_id" varchar(6) NOT NULL REFERENCES "scheduling_user" ("sap") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "scheduling_accesslog" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "action" varchar(20) NOT NULL, "timestamp" datetime NOT NULL, "user_id" varchar(6) NULL REFERENCES "scheduling_user" ("sap") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "scheduling_sicknessrecord" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "start_date" date NOT NULL, "reason" varchar(40) NOT NULL, "profile_id" bigint NOT NULL REFERENCES "scheduling_staffprofile" ("id") DEFERRABLE INITIALLY DEFERRED);
"""

# (table, column): one index per FK column, as Django creates them
ROTA_FK_COLUMNS = [
    ("scheduling_unit", "carehome_id"),
    ("scheduling_shift", "unit_id"),
    ("scheduling_shift", "user_id"),
    ("scheduling_shift", "created_by_id"),
    ("scheduling_staffprofile", "unit_id"),
    # staffprofile.user_id is UNIQUE: its autoindex serves the FK
    ("scheduling_leaveentitlement", "profile_id"),
    ("scheduling_leavetransaction", "approved_by_id"),
    ("scheduling_leavetransaction", "entitlement_id"),
    ("scheduling_supervisionrecord", "supervisee_id"),
    ("scheduling_supervisionrecord", "supervisor_id"),
    ("scheduling_accesslog", "user_id"),
    ("scheduling_sicknessrecord", "profile_id"),
]


I = '"i"'  # the CTE's counter, as used in generated SQL


def seq(n):
    """A CTE yielding i = 1…n"""
    return f'WITH RECURSIVE "s"("i") AS (SELECT 1 UNION ALL SELECT "i" + 1 FROM "s" WHERE "i" < {int(n)})'


def sap(expr):
    """Six-digit SAP text for user number expr (0-based)"""
    return f"printf('%06d', 100000 + ({expr}))"


def generate_rota(path, shifts, distinct_unindexed=False):
    """The staff-rota database. With distinct_unindexed, every FK value in the big tables is
    distinct (users as many as shifts) and no FK column has an index."""
    distinct = distinct_unindexed
    # Distinct FK values need as many parents as children
    n_users = shifts if distinct else max(2000, shifts // 100)
    n_homes = shifts if distinct else 50
    n_units = shifts if distinct else 500
    n_profiles = shifts // 10 if distinct else n_users
    per_profile = 1 if distinct else 2       # entitlements per profile
    per_entitlement = 1 if distinct else 3   # transactions per entitlement
    n_entitlements = n_profiles * per_profile
    n_transactions = n_entitlements * per_entitlement
    n_supervisions = shifts // 5 if distinct else n_users * 2
    n_access = shifts // 5
    n_sickness = n_profiles // 2

    def spread(i_expr, salt, n_parents):
        """A parent number 0…n_parents-1 for child i: a permutation (so distinct) when
        n_parents >= the children, since 7919 is prime"""
        step = 7919 if n_parents % 7919 else 7907
        return f"((({i_expr}) * {step} + {salt}) % {n_parents})"

    def user_ref(i_expr, salt, _n_rows):
        return sap(spread(i_expr, salt, n_users))

    tmp = path + ".tmp"
    if os.path.exists(tmp):
        os.unlink(tmp)
    db = sqlite3.connect(tmp, isolation_level=None)
    db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA foreign_keys = OFF;"
                     "PRAGMA cache_size = -262144;")
    db.executescript(ROTA_SCHEMA)
    db.execute("BEGIN")

    def insert(table, n, columns, values):
        started = time.monotonic()
        db.execute(f'{seq(n)} INSERT INTO "{table}" ({columns}) SELECT {values} FROM "s"')
        log(f"  {table}: {n:,} rows ({time.monotonic() - started:.1f} s)")

    insert("scheduling_user", n_users,
           '"password", "last_login", "is_superuser", "sap", "first_name", "last_name", "email", '
           '"is_staff", "is_active", "date_joined"',
           f"'pbkdf2_sha256$600000$' || \"i\", NULL, 0, {sap(I + ' - 1')}, 'First' || (\"i\" % 97), "
           "'Last' || (\"i\" % 89), 'user' || \"i\" || '@example.org', 0, 1, '2019-01-01 09:00:00'")
    insert("scheduling_carehome", n_homes, '"id", "name", "code", "beds"',
           "\"i\", 'Home ' || \"i\", 'H' || \"i\", 40")
    insert("scheduling_unit", n_units, '"id", "name", "code", "capacity", "carehome_id"',
           f"\"i\", 'Unit ' || \"i\", 'U' || \"i\", 20, 1 + {spread(I, 0, n_homes)}")
    insert("scheduling_shift", shifts,
           '"id", "date", "start_time", "end_time", "shift_type", "status", "created_at", "unit_id", '
           '"user_id", "created_by_id"',
           "\"i\", date('2020-01-01', '+' || (\"i\" % 2000) || ' days'), '07:00', '19:00', 'DAY', "
           f"'PUBLISHED', '2020-01-01 00:00:00', 1 + {spread(I, 0, n_units)}, {user_ref(I, 0, shifts)}, "
           f"CASE WHEN \"i\" % 3 = 0 THEN NULL ELSE {user_ref(I, 11, shifts)} END")
    insert("scheduling_staffprofile", n_profiles,
           '"id", "job_title", "contracted_hours", "start_date", "unit_id", "user_id"',
           f"\"i\", 'Carer', 37.5, '2019-01-01', 1 + {spread(I, 3, n_units)}, {sap(I + ' - 1')}")
    insert("scheduling_leaveentitlement", n_entitlements,
           '"id", "leave_year", "days_entitled", "profile_id"',
           f"\"i\", 2020 + \"i\" % 2, 28, 1 + (\"i\" - 1) / {per_profile}")
    insert("scheduling_leavetransaction", n_transactions,
           '"id", "date", "days", "kind", "approved_by_id", "entitlement_id"',
           "\"i\", '2021-06-01', 1, 'ANNUAL', "
           f"CASE WHEN \"i\" % 4 = 0 THEN NULL ELSE {user_ref(I, 23, n_transactions)} END, "
           f"1 + (\"i\" - 1) / {per_entitlement}")
    insert("scheduling_supervisionrecord", n_supervisions,
           '"id", "date", "kind", "supervisee_id", "supervisor_id"',
           f"\"i\", '2022-03-01', 'MONTHLY', {user_ref(I, 31, n_supervisions)}, "
           f"{user_ref(I, 47, n_supervisions)}")
    insert("scheduling_accesslog", n_access, '"id", "action", "timestamp", "user_id"',
           "\"i\", 'login', '2023-01-01 08:00:00', "
           f"CASE WHEN \"i\" % 50 = 0 THEN NULL ELSE {user_ref(I, 59, n_access)} END")
    insert("scheduling_sicknessrecord", n_sickness, '"id", "start_date", "reason", "profile_id"',
           f"\"i\", '2022-11-01', 'Flu', 1 + {spread(I, 5, n_profiles)}")

    # ~0.1% orphans over five FKs (text and integer keys, a repeated 'ADMIN001' and
    # many distinct leavers); distinct values in the distinct variant.
    started = time.monotonic()
    # Letters, so no orphan value can be a real six-or-more-digit SAP number
    admin = "'ADMIN' || \"id\"" if distinct else "'ADMIN001'"
    supervisor = "'SUPER' || \"id\"" if distinct else "'ADMIN001'"
    planting = f"""
      UPDATE "scheduling_shift" SET "user_id" = printf('L%07d', "id") WHERE "id" % 1000 = 0;
      UPDATE "scheduling_accesslog" SET "user_id" = {admin} WHERE "id" % 1000 = 7;
      UPDATE "scheduling_supervisionrecord" SET "supervisor_id" = {supervisor} WHERE "id" % 500 = 3;
      UPDATE "scheduling_staffprofile" SET "user_id" = printf('X%07d', "id") WHERE "id" % 1000 = 11;
      UPDATE "scheduling_leavetransaction" SET "entitlement_id" = 1000000000 + "id" WHERE "id" % 1000 = 13;
    """
    # One by one: executescript() would commit the open transaction first
    for statement in planting.split(";"):
        if statement.strip():
            db.execute(statement)
    log(f"  orphans planted ({time.monotonic() - started:.1f} s)")

    if not distinct_unindexed:
        started = time.monotonic()
        for table, column in ROTA_FK_COLUMNS:
            db.execute(f'CREATE INDEX "{table}_{column}_idx" ON "{table}" ("{column}")')
        log(f"  {len(ROTA_FK_COLUMNS)} FK indexes ({time.monotonic() - started:.1f} s)")

    db.execute("COMMIT")
    db.execute("ANALYZE")
    db.close()
    os.rename(tmp, path)


def generate_million_orphans(path, orphans):
    """One table whose every row points at a user that does not exist, each at a different one"""
    tmp = path + ".tmp"
    if os.path.exists(tmp):
        os.unlink(tmp)
    db = sqlite3.connect(tmp, isolation_level=None)
    db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")
    db.executescript("""
      CREATE TABLE "scheduling_user" ("sap" varchar(6) NOT NULL PRIMARY KEY, "email" varchar(254) NOT NULL);
      CREATE TABLE "scheduling_accesslog" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT,
        "action" varchar(20) NOT NULL, "timestamp" datetime NOT NULL,
        "user_id" varchar(6) NULL REFERENCES "scheduling_user" ("sap") DEFERRABLE INITIALLY DEFERRED);
    """)
    db.execute("BEGIN")
    db.execute(f"{seq(1000)} INSERT INTO \"scheduling_user\" SELECT {sap(I)}, 'u' || \"i\" || '@example.org' FROM \"s\"")
    db.execute(f"{seq(orphans)} INSERT INTO \"scheduling_accesslog\" SELECT \"i\", 'login', "
               "'2023-01-01 08:00:00', 'X' || printf('%07d', \"i\") FROM \"s\"")
    db.execute('CREATE INDEX "scheduling_accesslog_user_id_idx" ON "scheduling_accesslog" ("user_id")')
    db.execute("COMMIT")
    db.close()
    os.rename(tmp, path)


def cached(work_dir, name, make):
    path = os.path.join(work_dir, name)
    if os.path.exists(path):
        log(f"using cached {path}")
        return path
    log(f"generating {path}")
    started = time.monotonic()
    make(path)
    log(f"generated in {time.monotonic() - started:.1f} s ({os.path.getsize(path) / 1e6:,.0f} MB)")
    return path


# ------------------------------------------------------------------- timing --

def run_timed(argv, stdout=subprocess.DEVNULL, ok_status=(0,)):
    """Runs argv; returns (seconds, peak RSS in MB, stdout bytes or None). The RSS comes
    from /usr/bin/time: the rusage of a child forked from this (large) Python process
    would count Python's own pages from before the exec."""
    capture = stdout is subprocess.PIPE
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.monotonic()
        process = subprocess.run(["/usr/bin/time", "-f", "pf-bench-maxrss %M", *argv],
                                 stdout=out if capture else stdout, stderr=err)
        elapsed = time.monotonic() - started
        err.seek(0)
        messages = err.read().decode(errors="replace")
        if process.returncode not in ok_status:
            raise SystemExit(f"bench: {' '.join(argv)} exited with {process.returncode}:\n{messages}")
        rss = [int(line.split()[1]) for line in messages.splitlines()
               if line.startswith("pf-bench-maxrss ")]
        data = None
        if capture:
            out.seek(0)
            data = out.read()
        return elapsed, (rss[-1] / 1024 if rss else float("nan")), data


def warm(path):
    # Both sides read from the page cache, not the disk
    with open(path, "rb") as f:
        while f.read(1 << 24):
            pass


def preflight_orphans(report_path):
    """(table, parent) -> orphan rows, from Preflight's declared fk-orphans findings"""
    with open(report_path, encoding="utf-8") as f:
        report = json.load(f)
    counts = collections.Counter()
    failed = []
    for finding in report["findings"]:
        # NOT VALID constraints (the PostgreSQL load) report their orphans as fk-not-valid
        if finding.get("check") in ("fk-orphans", "fk-not-valid") and finding.get("count", -1) > 0:
            counts[(finding["table"], finding["parent_table"])] += finding["count"]
        if finding.get("failed") or finding.get("error"):
            failed.append(f'{finding.get("title")} ({finding.get("error")})')
    if failed or report.get("complete") is False:
        raise SystemExit(f"bench: {report_path}: {len(failed)} Preflight checks could not run: "
                         + "; ".join(failed[:3]) + ("; …" if len(failed) > 3 else ""))
    return counts


def pragma_orphans(output):
    counts = collections.Counter()
    for line in output.decode().splitlines():
        table, _rowid, parent, _fkid = line.split("|")
        counts[(table, parent)] += 1
    return counts


def assert_same(name, preflight, reference, reference_name):
    if preflight != reference:
        keys = sorted(set(preflight) | set(reference))
        lines = [f"  {t} -> {p}: preflight {preflight.get((t, p), 0)}, "
                 f"{reference_name} {reference.get((t, p), 0)}" for t, p in keys]
        raise SystemExit(f"bench: {name}: Preflight and {reference_name} disagree:\n" + "\n".join(lines))
    log(f"{name}: same orphans as {reference_name}: {sum(reference.values()):,} rows in "
        f"{len(reference)} foreign keys' tables")


# What the baselines check: declared foreign keys (NOT VALID ones on PostgreSQL)
FK_CHECKS = "fk-orphans,fk-not-valid"


def bench_sqlite(args, name, path, full=False):
    """Median seconds (preflight, pragma), Preflight's peak RSS, and with full the median
    seconds of the full default check (every check, not only the foreign keys)"""
    report = os.path.join(args.work_dir, "report.json")
    preflight_argv = [args.cli, "check", path, "--checks", FK_CHECKS, "--format", "json",
                      "--jobs", str(args.jobs), "--output", report]
    full_argv = [args.cli, "check", path, "--format", "json", "--jobs", str(args.jobs),
                 "--output", os.path.join(args.work_dir, "report-full.json")]
    pragma_argv = [args.sqlite3, path, "PRAGMA foreign_key_check"]
    warm(path)

    # Interleaved, so drift (thermal, page cache) hits both alike
    preflight_times, pragma_times, full_times, rss = [], [], [], 0.0
    for run in range(args.runs):
        seconds, peak, _ = run_timed(preflight_argv, ok_status=(0, 1, 2))
        preflight_times.append(seconds)
        rss = max(rss, peak)
        if full:
            seconds, peak, _ = run_timed(full_argv, ok_status=(0, 1, 2))
            full_times.append(seconds)
            rss = max(rss, peak)
        seconds, _, output = run_timed(pragma_argv, stdout=subprocess.PIPE)
        pragma_times.append(seconds)
        log(f"{name} run {run + 1}/{args.runs}: preflight {preflight_times[-1]:.2f} s, "
            f"pragma {pragma_times[-1]:.2f} s" + (f", full check {full_times[-1]:.2f} s" if full else ""))
        found = preflight_orphans(report)  # every run: none may be incomplete
        if run == 0:
            assert_same(name, found, pragma_orphans(output), "PRAGMA foreign_key_check")

    return (statistics.median(preflight_times), statistics.median(pragma_times), rss,
            statistics.median(full_times) if full else None)


# --------------------------------------------------------------- migrations --

def bench_migrations(args):
    """Median seconds and peak RSS of `preflight-cli migrations … --format json` on the
    generated 5,000-migration project, whose report is checked on every run"""
    started = time.monotonic()
    project, database = make_large_project.large_project(os.path.join(args.work_dir, "large-project"))
    log(f"Django project with 5,000 migrations ready in {project} ({time.monotonic() - started:.1f} s)")
    n_apps = make_large_project.DEFAULT_APPS
    n_applied = n_apps * make_large_project.DEFAULT_APPLIED_PER_APP
    n_pending = n_apps * make_large_project.DEFAULT_PER_APP - n_applied
    argv = [args.cli, "migrations", database, "--project", project, "--format", "json"]
    warm(database)

    times, rss = [], 0.0
    for run in range(args.runs):
        seconds, peak, output = run_timed(argv, stdout=subprocess.PIPE)
        times.append(seconds)
        rss = max(rss, peak)
        log(f"migrations run {run + 1}/{args.runs}: preflight {seconds:.2f} s")
        report = json.loads(output)
        report = report.get("migrations", report)
        unexpected = [f'{p.get("kind")}: {p.get("title")}' for p in report["problems"]
                      if p.get("kind") != "risky-operation"]
        if len(report["applied"]) != n_applied or len(report["pending"]) != n_pending or unexpected:
            raise SystemExit(f"bench: migrations: expected {n_applied:,} applied, {n_pending:,} pending "
                             f"and only risky operations; Preflight reports {len(report['applied']):,} "
                             f"applied, {len(report['pending']):,} pending and:\n  "
                             + "\n  ".join(unexpected[:10]))
    log(f"migrations: {n_applied:,} applied, {n_pending:,} pending, no drift, as generated")
    timeline = bench_timeline(args, project, database)
    return statistics.median(times), rss, timeline


def bench_timeline(args, project, database):
    """The Timeline page on the same project, in a real window under Xvfb: the load time
    and the frame times while its list scrolls (tests/bench/bench-timeline.c); its
    report lines, or None without the program or an X server"""
    xvfb_run = shutil.which("xvfb-run")
    if not args.timeline or not os.path.exists(args.timeline) or not xvfb_run:
        log("timeline: skipped (no bench-timeline or xvfb-run)")
        return None
    session = [shutil.which("dbus-run-session"), "--"] if shutil.which("dbus-run-session") else []
    argv = [*session, xvfb_run, "-a", "-s", "-screen 0 1280x1024x24",
            "env", "GDK_BACKEND=x11", "GSK_RENDERER=cairo", "GSETTINGS_BACKEND=memory",
            args.timeline, database, project]
    result = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"bench: bench-timeline failed:\n{result.stderr}")
    return [line for line in result.stdout.splitlines() if line.startswith("timeline")]


def print_migrations(migrations):
    seconds, rss, timeline = migrations
    print(f"{'migrations --format json, 5,000 (4,000 applied) in 50 apps':<68}  {seconds:>9.2f} s")
    print(f"{'peak RSS, migrations --format json, 5,000 migrations':<68}  {rss:>9.1f} MB")
    for line in timeline or ["timeline: skipped (no bench-timeline or xvfb-run)"]:
        print(line)


# ------------------------------------------------------------------ report --

def bench_report(args):
    """bench-report's line from the run with the median total (the 2,000-finding PDF), the
    median total in seconds; None without the program"""
    if not args.report or not os.path.exists(args.report):
        log("report: skipped (no bench-report)")
        return None
    runs = []
    for run in range(args.runs):
        result = subprocess.run([args.report], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                check=False)
        if result.returncode != 0:
            raise SystemExit(f"bench: bench-report failed:\n{result.stderr}")
        line = next((l for l in result.stdout.splitlines() if l.startswith("report-pdf-")), None)
        if line is None:
            raise SystemExit(f"bench: bench-report printed no result:\n{result.stdout}")
        total = float(line.split("total ")[1].split(" s")[0])
        log(f"report run {run + 1}/{args.runs}: {total:.2f} s")
        runs.append((total, line))
    runs.sort()
    return runs[len(runs) // 2]


def print_report(report):
    if report is None:
        print("report: skipped (no bench-report)")
        return
    total, line = report
    print(f"{line}  (target < 2 s: {'yes' if total < 2 else 'NO'})")


# --------------------------------------------------------------- PostgreSQL --

class Cluster:
    """A throwaway cluster: initdb into a temp dir, a unix socket there, no TCP; always
    stopped (see main's finally and the signal handlers)."""

    def __init__(self, work_dir):
        self.bindir = self.find_bindir()
        self.dir = tempfile.mkdtemp(prefix="pf-bench-pg-", dir="/tmp")
        self.data = os.path.join(self.dir, "data")
        self.as_postgres = os.getuid() == 0
        self.started = False
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        if self.as_postgres:
            pw = pwd.getpwnam("postgres")
            os.chown(self.dir, pw.pw_uid, pw.pw_gid)
        os.chmod(self.dir, 0o755)

    @staticmethod
    def find_bindir():
        try:
            out = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True).stdout.strip()
            if out and os.path.exists(os.path.join(out, "initdb")):
                return out
        except FileNotFoundError:
            pass
        dirs = sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                      key=lambda d: int(d.split("/")[-2]) if d.split("/")[-2].isdigit() else 0)
        if not dirs:
            raise SystemExit("bench: no PostgreSQL server binaries found (install postgresql-15)")
        return dirs[-1]

    def run(self, program, *argv):
        command = [os.path.join(self.bindir, program), *argv]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, cwd=self.dir, check=True, stdout=subprocess.DEVNULL)

    def start(self):
        self.run("initdb", "-D", self.data, "-U", "postgres", "-E", "UTF8", "--no-locale",
                 "--auth=trust", "--no-sync", "--no-instructions")
        conf = (f"\nlisten_addresses = ''\nunix_socket_directories = '{self.dir}'\nport = {self.port}\n"
                "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\nautovacuum = off\n"
                "shared_buffers = 512MB\nmaintenance_work_mem = 512MB\nmax_wal_size = 8GB\n"
                "max_parallel_workers_per_gather = 0\n")
        with open(os.path.join(self.data, "postgresql.conf"), "a") as f:
            f.write(conf)
        self.run("pg_ctl", "-D", self.data, "-l", os.path.join(self.dir, "postgres.log"),
                 "-w", "-t", "60", "-s", "start")
        self.started = True

    def stop(self):
        if self.started:
            try:
                self.run("pg_ctl", "-D", self.data, "stop", "-m", "immediate", "-w", "-s")
            except subprocess.CalledProcessError:
                pass
            self.started = False
        shutil.rmtree(self.dir, ignore_errors=True)

    def psql_argv(self, dbname="postgres"):
        return ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", self.dir, "-p", str(self.port),
                "-U", "postgres", "-d", dbname]

    def psql(self, sql, dbname="bench", stdin=None):
        return subprocess.run(self.psql_argv(dbname) + ["-At", "-c", sql], check=True,
                              stdin=stdin, capture_output=True, text=True).stdout

    def url(self, dbname="bench"):
        return f"postgresql://postgres@/{dbname}?host={self.dir}&port={self.port}"


def sqlite_to_pg_type(declared):
    declared = declared.lower()
    if "int" in declared:
        return "bigint"
    for prefix, pg_type in (("decimal", "numeric"), ("bool", "boolean"), ("datetime", "timestamp"),
                            ("date", "date"), ("time", "time")):
        if declared.startswith(prefix):
            return pg_type
    return "text"


def load_into_pg(cluster, sqlite_path):
    """Tables, data (COPY from a CSV stream), primary keys, FK indexes and the FKs themselves
    added NOT VALID, so the orphans can exist, as after a careless legacy import."""
    subprocess.run(cluster.psql_argv() + ["-c", "CREATE DATABASE bench"], check=True,
                   stdout=subprocess.DEVNULL)
    db = sqlite3.connect(f"file:{sqlite_path}?mode=ro", uri=True)
    tables = [r[0] for r in db.execute(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE 'scheduling_%' ORDER BY name")]
    fks, ddl = [], []
    for table in tables:
        columns = db.execute(f'PRAGMA table_info("{table}")').fetchall()
        cols = ", ".join(f'"{c[1]}" {sqlite_to_pg_type(c[2])}{" NOT NULL" if c[3] else ""}' for c in columns)
        ddl.append(f'CREATE TABLE "{table}" ({cols});')
        for fk in db.execute(f'PRAGMA foreign_key_list("{table}")'):
            fks.append((table, fk[3], fk[2], fk[4]))
    cluster.psql("\n".join(ddl))

    for table in tables:
        started = time.monotonic()
        columns = [c[1] for c in db.execute(f'PRAGMA table_info("{table}")')]
        types = [sqlite_to_pg_type(c[2]) for c in db.execute(f'PRAGMA table_info("{table}")')]
        copy = subprocess.Popen(cluster.psql_argv("bench") + ["-c", f'COPY "{table}" FROM STDIN (FORMAT csv)'],
                                stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
        stream = io.TextIOWrapper(copy.stdin, encoding="utf-8", newline="")
        writer = csv.writer(stream)
        for row in db.execute(f'SELECT * FROM "{table}"'):
            writer.writerow(["t" if v == 1 and t == "boolean" else "f" if v == 0 and t == "boolean" else v
                             for v, t in zip(row, types)])
        stream.close()  # flushes what the wrapper still buffers, then closes the pipe
        if copy.wait() != 0:
            raise SystemExit(f"bench: COPY into {table} failed")
        # Both databases must hold the same rows, or the comparison means nothing
        expected = db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
        loaded = int(cluster.psql(f'SELECT count(*) FROM "{table}"'))
        if loaded != expected:
            raise SystemExit(f"bench: {table}: {loaded} rows in PostgreSQL, {expected} in SQLite")
        log(f"  PostgreSQL: {table} loaded ({time.monotonic() - started:.1f} s)")
    db.close()

    started = time.monotonic()
    keys = {"scheduling_user": "sap"}
    statements = [f'ALTER TABLE "{t}" ADD PRIMARY KEY ("{keys.get(t, "id")}");' for t in tables]
    statements += [f'CREATE INDEX ON "{t}" ("{c}");' for t, c in ROTA_FK_COLUMNS if t in tables]
    statements += [f'ALTER TABLE "{t}" ADD FOREIGN KEY ("{c}") REFERENCES "{p}" ("{pc}") NOT VALID;'
                   for t, c, p, pc in fks]
    statements.append("ANALYZE;")
    cluster.psql("\n".join(statements))
    log(f"  PostgreSQL: keys, indexes, NOT VALID foreign keys ({time.monotonic() - started:.1f} s)")
    return fks


def ri_initial_check_sql(fks):
    """RI_Initial_Check's query (ri_triggers.c) per FK, all of them in one session; counted
    rather than fetched, which only favours the baseline."""
    parts = []
    for table, column, parent, parent_column in fks:
        parts.append(f"SELECT '{table}|{parent}|' || count(*) FROM "
                     f'(SELECT fk."{column}" FROM ONLY "{table}" fk LEFT OUTER JOIN ONLY "{parent}" pk '
                     f'ON pk."{parent_column}" = fk."{column}" '
                     f'WHERE pk."{parent_column}" IS NULL AND (fk."{column}" IS NOT NULL)) s;')
    return "\n".join(parts)


def bench_pg(args, sqlite_path):
    cluster = Cluster(args.work_dir)
    try:
        log(f"starting a throwaway PostgreSQL cluster in {cluster.dir}")
        cluster.start()
        fks = load_into_pg(cluster, sqlite_path)
        script = os.path.join(args.work_dir, "ri-initial-check.sql")
        with open(script, "w") as f:
            f.write(ri_initial_check_sql(fks))
        report = os.path.join(args.work_dir, "report-pg.json")
        preflight_argv = [args.cli, "check", cluster.url(), "--checks", FK_CHECKS, "--format", "json",
                          "--jobs", str(args.jobs), "--output", report]
        baseline_argv = cluster.psql_argv("bench") + ["-At", "-f", script]

        preflight_times, baseline_times = [], []
        for run in range(args.runs):
            seconds, _, _ = run_timed(preflight_argv, ok_status=(0, 1, 2))
            preflight_times.append(seconds)
            seconds, _, output = run_timed(baseline_argv, stdout=subprocess.PIPE)
            baseline_times.append(seconds)
            log(f"PostgreSQL run {run + 1}/{args.runs}: preflight {preflight_times[-1]:.2f} s, "
                f"anti-joins {baseline_times[-1]:.2f} s")
            found = preflight_orphans(report)  # every run: none may be incomplete
            if run == 0:
                reference = collections.Counter()
                for line in output.decode().split():
                    table, parent, count = line.split("|")
                    if int(count):
                        reference[(table, parent)] += int(count)
                assert_same("PostgreSQL", found, reference, "RI_Initial_Check")
        return statistics.median(preflight_times), statistics.median(baseline_times)
    finally:
        cluster.stop()


# --------------------------------------------------------------------- main --

def main():
    parser = argparse.ArgumentParser(description="Preflight's orphan-finding benchmark (not a test)")
    parser.add_argument("--rows", type=int, default=5_000_000, help="shifts (default 5,000,000)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each side (default 3)")
    parser.add_argument("--jobs", type=int, default=2, help="preflight-cli --jobs (default 2)")
    parser.add_argument("--orphans", type=int, default=1_000_000,
                        help="orphans in one table for the memory run (default 1,000,000)")
    parser.add_argument("--skip-pg", action="store_true", help="leave PostgreSQL out")
    parser.add_argument("--only-pg", action="store_true",
                        help="only the PostgreSQL comparison (generates the rota database if needed)")
    parser.add_argument("--only-migrations", action="store_true",
                        help="only `preflight-cli migrations` on a generated project with 5,000 migrations")
    parser.add_argument("--only-report", action="store_true",
                        help="only the PDF of a report with 2,000 findings (bench-report)")
    parser.add_argument("--cli", required=True, help="the preflight-cli to time")
    parser.add_argument("--timeline", help="the bench-timeline program (Timeline page load and scrolling)")
    parser.add_argument("--report", help="the bench-report program (default: beside bench-timeline, "
                                         "else tests/bench-report in the build dir of --cli)")
    parser.add_argument("--work-dir", required=True, help="where the generated databases are cached")
    parser.add_argument("--sqlite3", default=shutil.which("sqlite3") or "sqlite3")
    args = parser.parse_args()
    args.cli = os.path.abspath(args.cli)
    args.work_dir = os.path.abspath(args.work_dir)
    os.makedirs(args.work_dir, exist_ok=True)

    # Ctrl+C and kill unwind through the finally blocks, so a cluster is never left running
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    if args.report is None:
        # ./run passes --timeline $build/tests/bench-timeline and --cli $build/src/cli/preflight-cli
        base = (os.path.dirname(os.path.abspath(args.timeline)) if args.timeline
                else os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(args.cli))), "tests"))
        args.report = os.path.join(base, "bench-report")

    if sum((args.only_pg, args.only_migrations, args.only_report)) > 1:
        parser.error("--only-pg, --only-migrations and --only-report exclude each other")
    if args.only_report:
        report = bench_report(args)
        print()
        print(f"Preflight benchmark (report only): median of {args.runs} runs, {os.cpu_count()} CPUs")
        print_report(report)
        return
    if args.only_migrations:
        migrations = bench_migrations(args)
        print()
        print(f"Preflight benchmark (migrations only): median of {args.runs} runs, {os.cpu_count()} CPUs")
        print_migrations(migrations)
        return

    suffix = f"{args.rows}-v{GENERATOR_VERSION}"
    rota = cached(args.work_dir, f"rota-{suffix}.sqlite3", lambda p: generate_rota(p, args.rows))
    if args.skip_pg and args.only_pg:
        parser.error("--skip-pg and --only-pg exclude each other")
    results = []
    if args.only_pg:
        pg = bench_pg(args, rota)
        results.append(("PostgreSQL, 13 NOT VALID FKs", "RI_Initial_Check anti-joins",
                        pg[0], pg[1], ">= 3x", pg[1] / pg[0] >= 3))
        print()
        print(f"Preflight benchmark (PostgreSQL only): {args.rows:,} shifts, --jobs {args.jobs}, "
              f"median of {args.runs} runs, {os.cpu_count()} CPUs; Preflight runs --checks {FK_CHECKS}")
        for name, baseline, p, q, target, ok in results:
            print(f"{name:<40}  {baseline:<26}  {p:>9.2f}s  {q:>9.2f}s  {q / p:>7.1f}x  {target:>7}  "
                  f"{'yes' if ok else 'NO'}")
        return

    distinct = cached(args.work_dir, f"rota-distinct-unindexed-{suffix}.sqlite3",
                      lambda p: generate_rota(p, args.rows, distinct_unindexed=True))
    orphans = cached(args.work_dir, f"orphans-{args.orphans}-v{GENERATOR_VERSION}.sqlite3",
                     lambda p: generate_million_orphans(p, args.orphans))

    p, q, rss, full = bench_sqlite(args, "SQLite, indexed FKs", rota, full=True)
    results.append(("SQLite, 13 indexed FKs", "PRAGMA foreign_key_check", p, q, ">= 10x", q / p >= 10))
    p, q, _, _ = bench_sqlite(args, "SQLite, distinct + unindexed", distinct)
    results.append(("SQLite, distinct values, no FK indexes", "PRAGMA foreign_key_check", p, q,
                    ">= 1x", q / p >= 1))
    _, _, peak, _ = bench_sqlite(argparse.Namespace(**{**vars(args), "runs": 1}),
                              f"SQLite, {args.orphans:,} orphans", orphans)
    pg = None if args.skip_pg else bench_pg(args, rota)
    migrations = bench_migrations(args)
    report = bench_report(args)
    if pg:
        results.append(("PostgreSQL, 13 NOT VALID FKs", "RI_Initial_Check anti-joins",
                         pg[0], pg[1], ">= 3x", pg[1] / pg[0] >= 3))

    print()
    print(f"Preflight benchmark: {args.rows:,} shifts, --jobs {args.jobs}, median of {args.runs} runs, "
          f"{os.cpu_count()} CPUs; Preflight runs --checks {FK_CHECKS}")
    print()
    header = f"{'database':<40}  {'baseline':<26}  {'preflight':>10}  {'baseline':>10}  {'ratio':>8}  {'target':>7}  ok"
    print(header)
    print("-" * len(header))
    for name, baseline, p, q, target, ok in results:
        print(f"{name:<40}  {baseline:<26}  {p:>9.2f}s  {q:>9.2f}s  {q / p:>7.1f}x  {target:>7}  "
              f"{'yes' if ok else 'NO'}")
    print(f"{'peak RSS, ' + format(args.orphans, ',') + ' orphans in one table':<68}  {peak:>9.1f} MB"
          f"{'':>21}< 100 MB  {'yes' if peak < 100 else 'NO'}")
    print(f"{'peak RSS, indexed rota database':<68}  {rss:>9.1f} MB")
    print(f"{'full default check (every check), indexed rota database':<68}  {full:>9.2f} s")
    print_migrations(migrations)
    print_report(report)
    if args.skip_pg:
        print("PostgreSQL: skipped (--skip-pg)")


if __name__ == "__main__":
    main()
