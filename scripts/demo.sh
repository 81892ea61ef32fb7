#!/usr/bin/env bash
# The embedded demo: SQLite, private files under var/, a real Celery worker on a
# filesystem broker (no Redis), demo data, and the web server. Ctrl-C stops everything.
#
# The worker and the web server run in one process group of their own. Ctrl-C (or a TERM)
# sends TERM to the whole group, then KILL to whatever is left after 3 seconds, so no
# worker child, beat scheduler or server outlives the demo.
#   TAXHAUZ_VAR_DIR   where the database, files and logs go (default var/)
#   DEMO_SETUP=0      skip installing packages and the virtualenv (already done)
set -euo pipefail
cd "$(dirname "$0")/.."
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"
VAR="${TAXHAUZ_VAR_DIR:-var}"
export DJANGO_SETTINGS_MODULE=taxhauz.settings.local

if [ "${DEMO_SETUP:-1}" != 0 ]; then
  bash scripts/system-deps.sh runtime
  bash scripts/venv.sh
fi
mkdir -p "$VAR"
.venv/bin/python manage.py migrate --no-input -v 0
.venv/bin/python manage.py demo_data

group=""
stop() {
  trap - INT TERM EXIT
  if [ -n "$group" ]; then
    kill -TERM -- "-$group" 2>/dev/null || true
    for _ in 1 2 3 4 5 6; do
      kill -0 -- "-$group" 2>/dev/null || break
      sleep 0.5
    done
    kill -KILL -- "-$group" 2>/dev/null || true
  fi
  exit 0
}
trap stop INT TERM EXIT

# setsid: the worker, its pool children, beat and the server share one new process group.
# -B runs the beat scheduler inside the worker (the reaper for stuck reads, reminders).
setsid bash -c '
  .venv/bin/celery -A taxhauz worker -B --schedule "$1/celerybeat-schedule" --loglevel INFO \
    --concurrency 2 --without-gossip --without-mingle > "$1/worker.log" 2>&1 &
  exec .venv/bin/python manage.py runserver --noreload "$2"
' demo "$VAR" "$HOST:$PORT" &
group=$!
echo
echo "Worker running (log: $VAR/worker.log)."
echo "Taxhauz is at http://$HOST:$PORT/  (Ctrl-C to stop)"
echo
wait "$group" || true
