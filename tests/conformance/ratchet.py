#!/usr/bin/env python3
"""Runs the shared conformance check and enforces the ratchet: every case id
listed in passing.txt must still pass.  Cases that newly pass are reported;
`--update` adds them to passing.txt."""
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CHECKER = os.path.join(os.path.dirname(ROOT), "shared", "conformance", "conformance.py")
LOCAL_CASES = os.path.join(HERE, "cases")
PASSING = os.path.join(HERE, "passing.txt")


def main():
    update = "--update" in sys.argv
    extra = [a for a in sys.argv[1:] if a != "--update"]
    if not os.path.exists(CHECKER):
        print("conformance checker not found at %s" % CHECKER)
        return 1
    paths = [os.path.join(os.path.dirname(CHECKER), "cases")]
    if os.path.isdir(LOCAL_CASES) and any(f.endswith(".json") for f in os.listdir(LOCAL_CASES)):
        paths.append(LOCAL_CASES)
    p = subprocess.run([sys.executable, CHECKER, "check", "-v", "--show", "0", "--repo", ROOT, *extra, *paths],
                       capture_output=True, text=True, cwd=ROOT)
    out = p.stdout
    passed = set(re.findall(r"^PASS (\S+)$", out, re.M))
    failed = set(re.findall(r"^FAIL (\S+?):", out, re.M))
    summary = out[out.find("whole cases by tag:"):] if "whole cases by tag:" in out else out[-3000:]
    print(summary.rstrip())
    if p.stderr.strip():
        print(p.stderr[-2000:], file=sys.stderr)
    known = set()
    if os.path.exists(PASSING):
        with open(PASSING) as f:
            known = {l.strip() for l in f if l.strip() and not l.startswith("#")}
    regressed = sorted(known & failed) + sorted(known - passed - failed) if not extra else sorted(known & failed)
    new = sorted(passed - known)
    if new:
        print("\nnewly passing (%d): %s" % (len(new), " ".join(new)))
        if update:
            with open(PASSING, "w") as f:
                f.write("# conformance cases that pass; the test run fails if one stops passing\n")
                f.write("\n".join(sorted(known | passed)) + "\n")
            print("passing.txt updated")
    if regressed:
        print("\nREGRESSED (%d): %s" % (len(regressed), " ".join(regressed)))
        return 1
    print("\nratchet: %d passing cases hold (%d known)" % (len(passed & known), len(known)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
