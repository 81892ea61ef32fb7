#!/usr/bin/env bash
# The embedded demo: SQLite, private files under var/, a real Celery worker on a
# filesystem broker (no Redis), demo data, and the web server. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"
export DJANGO_SETTINGS_MODULE=taxhauz.settings.local

bash scripts/system-deps.sh runtime
bash scripts/venv.sh
mkdir -p var
.venv/bin/python manage.py migrate --no-input -v 0
.venv/bin/python manage.py demo_data

# -B runs the beat scheduler inside the worker (the reaper for stuck reads, reminders).
.venv/bin/celery -A taxhauz worker -B --schedule var/celerybeat-schedule --loglevel INFO \
  --concurrency 2 --without-gossip --without-mingle > var/worker.log 2>&1 &
worker=$!
trap 'kill "$worker" 2>/dev/null; wait "$worker" 2>/dev/null || true' EXIT INT TERM
echo
echo "Worker running (log: var/worker.log)."
echo "Taxhauz is at http://$HOST:$PORT/  (Ctrl-C to stop)"
echo
.venv/bin/python manage.py runserver --noreload "$HOST:$PORT"
