#!/usr/bin/env python3
"""Runs the shared conformance check and enforces the ratchet: every case id
listed in passing.txt must still pass.  Cases that newly pass are reported;
`--update` adds them to passing.txt.  The corpus is split into shards that
run side by side; their tables are added up."""
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CHECKER = os.path.join(os.path.dirname(ROOT), "shared", "conformance", "conformance.py")
LOCAL_CASES = os.path.join(HERE, "cases")
PASSING = os.path.join(HERE, "passing.txt")


def case_files():
    dirs = [os.path.join(os.path.dirname(CHECKER), "cases"), LOCAL_CASES]
    files = []
    for d in dirs:
        if os.path.isdir(d):
            files += sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith(".json"))
    return files


def add_table(totals, text, header):
    if header not in text:
        return
    for line in text[text.find(header):].splitlines()[1:]:
        m = re.match(r"^  (.+?)\s+(\d+) / (\d+)", line)
        if not m:
            break
        t = totals.setdefault(m.group(1), [0, 0])
        t[0] += int(m.group(2))
        t[1] += int(m.group(3))


def main():
    update = "--update" in sys.argv
    only = [a for a in sys.argv[1:] if a != "--update"]
    if not os.path.exists(CHECKER):
        print("conformance checker not found at %s" % CHECKER)
        return 1
    files = case_files()
    shards = max(1, min(len(files), int(os.environ.get("CONFORMANCE_JOBS", os.cpu_count() or 2))))
    procs = []
    for i in range(shards):
        part = files[i::shards]
        procs.append(subprocess.Popen(
            [sys.executable, CHECKER, "check", "-v", "--show", "0", "--repo", ROOT, *only, *part],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT))
    outs = [p.communicate() for p in procs]
    passed, failed, tags, kinds = set(), {}, {}, {}
    for out, err in outs:
        passed |= set(re.findall(r"^PASS (\S+)$", out, re.M))
        failed.update(dict(re.findall(r"^FAIL (\S+?): (.*)$", out, re.M)))
        add_table(tags, out, "whole cases by tag:")
        add_table(kinds, out, "single comparisons by kind:")
        if err.strip():
            print(err[-2000:], file=sys.stderr)
    for cid in sorted(failed):
        print("FAIL %s: %s" % (cid, failed[cid]))
    print("\nwhole cases by tag:")
    for t in sorted(tags):
        print("  %-28s %4d / %-4d" % (t, *tags[t]))
    print("\nsingle comparisons by kind:")
    for k in sorted(kinds):
        p, n = kinds[k]
        print("  %-28s %4d / %-4d  %5.1f%%" % (k, p, n, 100.0 * p / n))
    print("\n%d passed, %d failed (conformance cases)" % (len(passed), len(failed)))
    known = set()
    if os.path.exists(PASSING):
        with open(PASSING) as f:
            known = {l.strip() for l in f if l.strip() and not l.startswith("#")}
    regressed = sorted(known & set(failed))
    if not only:
        regressed += sorted(known - passed - set(failed))
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
    print("\nratchet: all %d known passing cases still pass" % len(known))
    return 0


if __name__ == "__main__":
    sys.exit(main())
