#!/usr/bin/python3
"""A SQLite database large enough that a full scan takes many seconds.

Readings of care homes' units: millions of rows whose foreign keys have no
index, a few of them orphans, so every check has to read every row. The e2e
tests press Cancel in the middle of its scan.

The file is built once per VERSION into a cache folder (the build dir), via a
temporary file renamed into place, so reruns start instantly and an
interrupted build never leaves half a database behind.

    make_large_db.py [--rows N] [--time PREFLIGHT_CLI] OUTPUT_DIR
"""

import argparse
import os
import random
import sqlite3
import subprocess
import sys
import time

# Bump whenever the generated contents change.
VERSION = "2"
DEFAULT_ROWS = 9_000_000
TABLES = ("reading", "visit", "handover")


def build(path, rows):
    if os.path.exists(path):
        os.unlink(path)
    connection = sqlite3.connect(path)
    connection.executescript("""
        PRAGMA journal_mode = OFF;
        PRAGMA synchronous = OFF;
        PRAGMA page_size = 8192;
        CREATE TABLE unit (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
        CREATE TABLE carer (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
    """)
    connection.executemany("INSERT INTO unit VALUES (?, ?)",
                           ((i, f"Unit {i}") for i in range(1, 2001)))
    connection.executemany("INSERT INTO carer VALUES (?, ?)",
                           ((i, f"Carer {i}") for i in range(1, 5001)))
    generator = random.Random(20261121)
    for table in TABLES:
        # No index on unit_id or carer_id: every check reads every row.
        connection.execute(f"""
            CREATE TABLE {table} (
              id INTEGER PRIMARY KEY,
              unit_id INTEGER REFERENCES unit (id),
              carer_id INTEGER REFERENCES carer (id),
              note TEXT
            )""")

        def rows_of(count=rows // len(TABLES)):
            for i in range(1, count + 1):
                # One row in 100,000 points at a unit that does not exist.
                unit = 9000 + i % 7 if i % 100_000 == 0 else generator.randint(1, 2000)
                yield (i, unit, generator.randint(1, 5000), "ok")

        connection.executemany(f"INSERT INTO {table} VALUES (?, ?, ?, ?)", rows_of())
        connection.commit()
    connection.execute("VACUUM")
    connection.close()


def large_database(cache_dir, rows=DEFAULT_ROWS):
    """The path of the cached database, built first if missing."""
    os.makedirs(cache_dir, exist_ok=True)
    path = os.path.join(cache_dir, f"large-v{VERSION}-{rows}.db")
    if not os.path.exists(path):
        partial = f"{path}.partial-{os.getpid()}"
        try:
            build(partial, rows)
            os.rename(partial, path)
        finally:
            if os.path.exists(partial):
                os.unlink(partial)
    return path


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output_dir")
    parser.add_argument("--rows", type=int, default=DEFAULT_ROWS)
    parser.add_argument("--time", metavar="PREFLIGHT_CLI",
                        help="then time `PREFLIGHT_CLI check` on it")
    options = parser.parse_args()
    begin = time.monotonic()
    path = large_database(options.output_dir, options.rows)
    print(f"{path} ({os.path.getsize(path) / 1e6:.0f} MB) ready in {time.monotonic() - begin:.1f} s")
    if options.time:
        begin = time.monotonic()
        result = subprocess.run([options.time, "check", path], capture_output=True, text=True,
                                check=False)
        print(result.stdout[:2000], result.stderr[:2000], file=sys.stderr)
        print(f"preflight-cli check: status {result.returncode} in {time.monotonic() - begin:.1f} s")


if __name__ == "__main__":
    main()
