#!/usr/bin/python3
# Reads meson's testlog.json and prints the closing line CI reads:
# "N passed, N failed[, N skipped]". A TAP test counts each of its test cases;
# a test that failed without reporting a failing case (a crash, a timeout)
# counts as one more failure, so nothing that went wrong is hidden.
#
# Usage: summarize-testlog.py [--label WORD] TESTLOG.json…

import json
import re
import sys

TAP_LINE = re.compile(r"^(not )?ok\b[^#]*(#\s*(\w+))?", re.IGNORECASE)
FAILED_RESULTS = {"FAIL", "TIMEOUT", "INTERRUPT", "ERROR", "UNEXPECTEDPASS"}


def count(path):
    passed = failed = skipped = 0
    with open(path, encoding="utf-8") as log:
        for line in log:
            if not line.strip():
                continue
            test = json.loads(line)
            cases = [TAP_LINE.match(l) for l in (test.get("stdout") or "").splitlines()]
            cases = [m for m in cases if m]
            test_failed = test["result"] in FAILED_RESULTS
            if not cases:
                if test["result"] == "SKIP":
                    skipped += 1
                elif test_failed:
                    failed += 1
                else:
                    passed += 1
                continue
            failing_cases = 0
            for case in cases:
                directive = (case.group(3) or "").upper()
                if directive == "SKIP":
                    skipped += 1
                elif case.group(1) and directive != "TODO":
                    failing_cases += 1
                else:
                    passed += 1
            if test_failed and failing_cases == 0:
                failing_cases = 1
            failed += failing_cases
    return passed, failed, skipped


def main():
    args = sys.argv[1:]
    label = ""
    if args[:1] == ["--label"] and len(args) > 1:
        label = f"{args[1]}: "
        args = args[2:]
    if not args:
        print("usage: summarize-testlog.py [--label WORD] TESTLOG.json…", file=sys.stderr)
        return 2
    passed = failed = skipped = 0
    for path in args:
        try:
            p, f, s = count(path)
        except OSError as error:
            # No log means the suite never ran: that is a failure, not a pass.
            print(f"summarize-testlog: cannot read {path}: {error.strerror}", file=sys.stderr)
            p, f, s = 0, 1, 0
        passed, failed, skipped = passed + p, failed + f, skipped + s
    line = f"{label}{passed} passed, {failed} failed"
    if skipped:
        line += f", {skipped} skipped"
    print(line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
