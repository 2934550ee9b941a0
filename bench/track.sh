#!/usr/bin/env bash
# Click-tracking benchmark: a running Optline on PostgreSQL sends a campaign with LINKS links to
# N subscribers through the capture transport; every click token of those messages goes into a
# wrk Lua script, which picks one at random per request. In the same run wrk fetches a static file
# (/css/optline.css) from the same Optline, for the ratio. Each wrk run lasts DURATION with
# CONNECTIONS connections. Afterwards the stored click events must match the redirects wrk
# completed: every completed redirect stored (nothing lost), and at most CONNECTIONS more (clicks
# stored whose answer wrk abandoned when its time was up). Non-2xx/3xx answers are counted apart.
#
#   bash bench/track.sh                      # 2,000 subscribers x 5 links, 30 s, 64 connections
#   DURATION=10s CONNECTIONS=32 bash bench/track.sh
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS="${ROWS:-2000}"
LINKS="${LINKS:-5}"
DURATION="${DURATION:-30s}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
PORT="${PORT:-18082}"
HEAP="${HEAP:-512m}"
PG_ADMIN="${PG_ADMIN:-postgres}"
DB=optline_bench_track
KEY="opl_bench_operator_key_0123456789abcdef"
WORK="$(mktemp -d)"
cleanup() { kill "${APP_PID:-0}" 2>/dev/null || true; }
trap cleanup EXIT

command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)" >&2; exit 1; }
psql_admin() { psql -h 127.0.0.1 -U "$PG_ADMIN" -d postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
psql_db() { psql -h 127.0.0.1 -U "$PG_ADMIN" -d "$DB" -v ON_ERROR_STOP=1 -qAt "$@"; }
api() { curl -sf -H "Authorization: Bearer $1" -H 'Content-Type: application/json' "${@:2}"; }
json() { python3 -c "import sys, json; print(json.load(sys.stdin)$1)"; }

echo "== fresh database $DB (role optline_app) and build"
psql_admin -c "do \$\$ begin if not exists (select from pg_roles where rolname = 'optline_app') then create role optline_app login nosuperuser nobypassrls; end if; end \$\$"
psql_admin -c "drop database if exists $DB with (force)"
psql_admin -c "create database $DB owner optline_app"
./mvnw -q -B -DskipTests package
JAR=$(ls target/optline-*.jar | grep -v original | head -n1)

OPTLINE_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" OPTLINE_DB_USER=optline_app OPTLINE_PORT=$PORT \
  OPTLINE_BASE_URL="http://127.0.0.1:$PORT" OPTLINE_OPERATOR_API_KEY=$KEY OPTLINE_OPERATOR_PASSWORD="bench operator password" \
  OPTLINE_DATA_DIR="$WORK/data" java -Xmx$HEAP ${JAVA_OPTS:-} -jar "$JAR" > "$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null && break; sleep 1; done
curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null || { tail -50 "$WORK/app.log"; exit 1; }

echo "== set-up: $ROWS subscribers, a campaign with $LINKS links, sent to the capture outbox"
CLIENT_KEY=$(api $KEY -X POST "http://127.0.0.1:$PORT/api/v1/clients" \
  -d '{"name": "Bench Shop", "postalAddress": "1 Bench Road, Benchtown", "adminEmail": "bench@bench-shop.de"}' | json "['adminApiKey']")
LIST=$(api "$CLIENT_KEY" -X POST "http://127.0.0.1:$PORT/api/v1/lists" -d '{"name": "Everybody", "optIn": "single"}' | json "['id']")
api "$CLIENT_KEY" -X POST "http://127.0.0.1:$PORT/api/v1/domains" -d '{"domain": "bench-shop.de"}' >/dev/null
awk -v n="$ROWS" 'BEGIN { print "email,name"; split("gmail.com outlook.com yahoo.com example-shop.de", d, " ");
  for (i = 1; i <= n; i++) printf "reader%06d@%s,Reader %d\n", i, d[i % 4 + 1], i }' > "$WORK/people.csv"
IMPORT=$(curl -sf -H "Authorization: Bearer $CLIENT_KEY" -F "file=@$WORK/people.csv" -F "listId=$LIST" \
  -F "attestation=Benchmark data, generated" "http://127.0.0.1:$PORT/api/v1/imports" | json "['id']")
until api "$CLIENT_KEY" "http://127.0.0.1:$PORT/api/v1/imports/$IMPORT" | grep -q '"status":"done"'; do sleep 1; done
HTML=$(python3 -c "print(' '.join('<p><a href=\'https://shop.example/item/%d?ref=mail\'>Item %d</a></p>' % (i, i) for i in range($LINKS)))")
CAMPAIGN=$(api "$CLIENT_KEY" -X POST "http://127.0.0.1:$PORT/api/v1/campaigns" -d "{\"name\": \"Links\", \"subject\": \"News\",
  \"fromName\": \"Bench Shop\", \"fromEmail\": \"news@bench-shop.de\", \"html\": \"$HTML\", \"listIds\": [\"$LIST\"]}" | json "['id']")
api "$CLIENT_KEY" -X POST "http://127.0.0.1:$PORT/api/v1/campaigns/$CAMPAIGN/send" -d '{}' >/dev/null
until api "$CLIENT_KEY" "http://127.0.0.1:$PORT/api/v1/campaigns/$CAMPAIGN" | grep -q '"status":"sent"'; do sleep 1; done

# Every click token of the captured messages (quoted-printable soft line breaks undone first).
psql_db -c "select raw from outbox_messages where campaign_id = '$CAMPAIGN'" | python3 -c "
import re, sys
tokens = sorted(set(re.findall(r'/t/c/([A-Za-z0-9_-]+)', re.sub(r'=\r?\n', '', sys.stdin.read()))))
print('tokens = {' + ','.join('\"%s\"' % t for t in tokens) + '}')
print('wrk.headers[\"User-Agent\"] = \"Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0\"')
print('request = function() return wrk.format(\"GET\", \"/t/c/\" .. tokens[math.random(#tokens)]) end')
print('init = function(args) math.randomseed(os.time() + math.floor(os.clock() * 1e6)) end')
" > "$WORK/clicks.lua"
TOKENS=$(grep -o '"[A-Za-z0-9_-]\{40,\}"' "$WORK/clicks.lua" | wc -l)
[ "$TOKENS" -eq $((ROWS * LINKS)) ] || { echo "found $TOKENS click tokens, expected $((ROWS * LINKS))" >&2; exit 1; }
echo "   $TOKENS distinct click tokens"

run_wrk() { # $1: label, then wrk arguments; prints requests/s, keeps the output
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" "${@:2}" > "$WORK/$1.txt"
  sed 's/^/   /' "$WORK/$1.txt"
}
requests() { awk '/requests in/ { print $1 }' "$WORK/$1.txt"; }
rate() { awk '/^Requests\/sec/ { printf "%.0f", $2 }' "$WORK/$1.txt"; }
non2xx() { awk '/Non-2xx or 3xx/ { print $NF }' "$WORK/$1.txt" | grep . || echo 0; }

echo "== warm-up: 10 s of each"
wrk -t"$THREADS" -c"$CONNECTIONS" -d10s "http://127.0.0.1:$PORT/css/optline.css" >/dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d10s -s "$WORK/clicks.lua" "http://127.0.0.1:$PORT" >/dev/null
sleep 2
BEFORE=$(psql_db -c "select count(*) from tracked_events where campaign_id = '$CAMPAIGN' and kind = 'click'")

echo "== static file: $DURATION, $CONNECTIONS connections"
run_wrk static "http://127.0.0.1:$PORT/css/optline.css"
echo "== clicks: $DURATION, $CONNECTIONS connections"
run_wrk clicks -s "$WORK/clicks.lua" "http://127.0.0.1:$PORT"
sleep 2
AFTER=$(psql_db -c "select count(*) from tracked_events where campaign_id = '$CAMPAIGN' and kind = 'click'")
STORED=$((AFTER - BEFORE)); DONE=$(requests clicks); BAD=$(non2xx clicks); REDIRECTS=$((DONE - BAD))
psql_db -c "select source || ' / ' || rule || ': ' || count(*) from tracked_events where campaign_id = '$CAMPAIGN' group by source, rule order by 1" | sed 's/^/   events by class: /'

echo "== result ($(nproc) cores, $(date -u +%Y-%m-%d), $ROWS x $LINKS tokens, $CONNECTIONS connections, $DURATION)"
echo "   static file      $(rate static) req/s"
echo "   clicks           $(rate clicks) req/s  ratio $(awk -v a="$(rate clicks)" -v b="$(rate static)" 'BEGIN { printf "%.2f", a / b }') (target >= 0.5; >= 10000 req/s)"
echo "   wrk completed $DONE click requests, $BAD of them not 2xx/3xx; $REDIRECTS redirects; stored $STORED click events"
if [ "$STORED" -lt "$REDIRECTS" ]; then
  echo "LOST: $((REDIRECTS - STORED)) answered clicks are not stored" >&2; exit 1
elif [ "$STORED" -gt $((REDIRECTS + CONNECTIONS)) ]; then
  echo "more events stored than clicks made" >&2; exit 1
fi
echo "   nothing lost ($((STORED - REDIRECTS)) stored clicks were still in flight when wrk stopped counting)"
