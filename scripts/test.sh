#!/usr/bin/env bash
# The whole test suite on real services. `make test` and CI (.ci/run) run exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)

bash scripts/system-deps.sh test
bash scripts/venv.sh dev
bash scripts/services.sh

echo "== ruff"
.venv/bin/ruff check .
echo "== import contracts"
.venv/bin/lint-imports
echo "== pytest"
set +e
.venv/bin/pytest -p no:cacheprovider "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests: that is a failure here." >&2
  exit 1
fi
echo "Test run took $(( $(date +%s) - start )) s."
exit "$status"
