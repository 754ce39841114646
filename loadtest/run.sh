#!/usr/bin/env bash
# Runs the load test against gunicorn on 127.0.0.1 with PostgreSQL (`make loadtest`). It builds a
# database of its own (<DATABASE_URL name>_load) with the demo committee, starts gunicorn, runs locust
# for a fixed time with 50 users, prints the login phase and the steady state apart and stops
# everything it started. DURATION is the whole run; the steady state is what follows the last login.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?set DATABASE_URL to a PostgreSQL database whose role may create databases}"
USERS=${USERS:-50}
DURATION=${DURATION:-150s}
PORT=${PORT:-8123}
LOAD_URL="${DATABASE_URL%/*}/$(basename "${DATABASE_URL##*/}")_load"
export USERS DEBUG=false ALLOWED_HOSTS=127.0.0.1 CELERY_BROKER_URL= SECRET_KEY=load-test-only-$RANDOM$RANDOM
.venv/bin/python - <<PY
import psycopg2, urllib.parse as u
src = u.urlparse("$DATABASE_URL"); name = u.urlparse("$LOAD_URL").path.lstrip("/")
conn = psycopg2.connect(dbname=src.path.lstrip("/"), user=src.username, password=src.password, host=src.hostname, port=src.port or 5432)
conn.autocommit = True
with conn.cursor() as c:
    c.execute("DROP DATABASE IF EXISTS \"%s\"" % name); c.execute("CREATE DATABASE \"%s\"" % name)
PY
export DATABASE_URL="$LOAD_URL"
.venv/bin/python manage.py migrate -v0
.venv/bin/python manage.py seed_demo >/dev/null
.venv/bin/python manage.py collectstatic --noinput -v0
export LOAD_MEETINGS=$(.venv/bin/python manage.py shell -c "from consultations.models import Meeting; print(','.join(str(p) for p in Meeting.objects.order_by('pk').values_list('pk', flat=True)))" 2>/dev/null | tail -n 1)
GUNICORN_BIND=127.0.0.1:$PORT .venv/bin/gunicorn -c deploy/gunicorn.conf.py cppcc.wsgi:application --access-logfile /dev/null &
GUNICORN=$!
trap 'kill $GUNICORN 2>/dev/null || true' EXIT
for _ in $(seq 30); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 1; done
mkdir -p var
rm -f var/load_login.json
.venv/bin/locust -f loadtest/locustfile.py --headless -u "$USERS" -r 10 -t "$DURATION" --host "http://127.0.0.1:$PORT" \
  --csv var/load --only-summary 2>&1 | tail -n 30
.venv/bin/python - <<'PY'
import csv, json, os
if not os.path.exists("var/load_login.json"):
    raise SystemExit("not every user logged in before the end: raise DURATION")
login = json.load(open("var/load_login.json"))
rows = list(csv.DictReader(open("var/load_stats.csv")))
total = next(r for r in rows if r["Name"] == "Aggregated")
print(f"\nlogin phase   {login['users']} users logged in within {login['seconds']} s: login p50 "
      f"{login['login_p50_ms']} ms, p95 {login['login_p95_ms']} ms, max {login['login_max_ms']} ms; "
      f"{login['requests']} requests, {login['failures']} failures; pages p95 {login['pages_p95_ms']} ms")
print(f"steady state  {total['Request Count']} requests, {float(total['Requests/s']):.1f}/s, "
      f"p50 {total['50%']} ms, p95 {total['95%']} ms, p99 {total['99%']} ms, failures {total['Failure Count']}"
      f"  (budget: p95 ≤ 300 ms, 0 failures: {'✓' if float(total['95%']) <= 300 and total['Failure Count'] == '0' else '✗'})")
PY
