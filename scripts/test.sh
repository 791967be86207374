#!/usr/bin/env bash
# The one test command: type check, unit tests, conformance ratchet, end-to-end tests.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== type check"; npx tsc --noEmit -p .
echo "== unit tests"; npx vitest run
echo "== conformance (ratchet)"; node scripts/build-cli.mjs && python3 tests/conformance/ratchet.py
echo "== end-to-end (headless Chromium)"; node tests/e2e/run.mjs
