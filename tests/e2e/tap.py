"""A minimal TAP producer so meson counts each e2e step as a test case."""

import sys
import traceback


class Tap:
    def __init__(self, planned):
        self.planned = planned
        self.number = 0
        self.failed = 0
        print(f"1..{planned}", flush=True)

    def run(self, description, function, *args):
        """Run one step; a failing step is reported, and the rest still run."""
        self.number += 1
        try:
            result = function(*args)
        except Exception as error:  # every failure becomes a "not ok" line
            self.failed += 1
            print(f"not ok {self.number} - {description}", flush=True)
            for line in traceback.format_exception(error):
                for part in line.rstrip().splitlines():
                    print(f"# {part}", flush=True)
            return None
        print(f"ok {self.number} - {description}", flush=True)
        return result

    def skip_rest(self, reason):
        while self.number < self.planned:
            self.number += 1
            print(f"ok {self.number} # SKIP {reason}", flush=True)

    def exit(self):
        if self.number != self.planned:
            print(f"# planned {self.planned} steps but ran {self.number}", flush=True)
            self.failed += 1
        sys.exit(1 if self.failed else 0)
