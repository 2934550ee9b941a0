#!/usr/bin/env bash
# Send benchmark (issue 6): a personalised ~5 KB campaign to N subscribers sent by a running Optline
# on PostgreSQL through its SMTP relay transport to Postfix's smtp-sink on 127.0.0.1, and in the same
# run the same number of messages of the same size sent by Postfix's smtp-source (-d -s 4) to the
# same sink. Optline is measured twice, unsigned and DKIM-signed (a restart switches signing on).
# Prints msg/s of each, the ratios, Optline's peak heap and CPU use; smtp-sink's own counter is
# checked after every run, so a run that lost or doubled messages fails.
#
#   bash bench/send.sh                  # 100,000 recipients, 4 connections
#   ROWS=20000 CONNECTIONS=8 bash bench/send.sh
#   JAVA_OPTS=-XX:StartFlightRecording=filename=/tmp/send-@DKIM@.jfr bash bench/send.sh   # profiles (@DKIM@: dkim-false, dkim-true)
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS="${ROWS:-100000}"
CONNECTIONS="${CONNECTIONS:-4}"
PORT="${PORT:-18081}"
HEAP="${HEAP:-512m}"
JAVA_OPTS="${JAVA_OPTS:-}"
PG_ADMIN="${PG_ADMIN:-postgres}"
DB=optline_bench_send
KEY="opl_bench_operator_key_0123456789abcdef"
WORK="$(mktemp -d)"
trap 'kill "${APP_PID:-0}" "${SAMPLER_PID:-0}" "${SINK_PID:-0}" 2>/dev/null || true' EXIT

# shellcheck source=smtp-sink.sh
. bench/smtp-sink.sh
psql_admin() { psql -h 127.0.0.1 -U "$PG_ADMIN" -d postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
api() { curl -sf -H "Authorization: Bearer $1" -H 'Content-Type: application/json' "${@:2}"; }
json() { python3 -c "import sys, json; print(json.load(sys.stdin)$1)"; }

start_sink

echo "== generating $ROWS subscribers"
awk -v n="$ROWS" 'BEGIN { srand(7); split("US CA DE FR GB NL", c, " ");
  print "email,name,country";
  for (i = 1; i <= n; i++) printf "reader%07d@mail%d.example-shop.de,Reader %d,%s\n", i, i % 97, i, c[int(rand()*6)+1] }' > "$WORK/people.csv"

echo "== fresh database $DB (role optline_app) and build"
psql_admin -c "do \$\$ begin if not exists (select from pg_roles where rolname = 'optline_app') then create role optline_app login nosuperuser nobypassrls; end if; end \$\$"
psql_admin -c "drop database if exists $DB with (force)"
psql_admin -c "create database $DB owner optline_app"
./mvnw -q -B -DskipTests package
JAR=$(ls target/optline-*.jar | grep -v original | head -n1)

start_optline() { # $1: DKIM on or off
  OPTLINE_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" OPTLINE_DB_USER=optline_app OPTLINE_PORT=$PORT \
    OPTLINE_OPERATOR_API_KEY=$KEY OPTLINE_OPERATOR_PASSWORD="bench operator password" OPTLINE_DATA_DIR="$WORK/data" \
    OPTLINE_DELIVERY_TRANSPORT=smtp OPTLINE_SMTP_HOST=127.0.0.1 OPTLINE_SMTP_PORT=$SINK_PORT \
    OPTLINE_SMTP_MAX_CONNECTIONS=$CONNECTIONS OPTLINE_DELIVERY_DKIM="$1" OPTLINE_DELIVERY_BATCH_SIZE=${BATCH:-500} OPTLINE_DELIVERY_LANES=${LANES:-3} \
    java -Xmx$HEAP ${JAVA_OPTS//@DKIM@/dkim-$1} -jar "$JAR" >> "${APP_LOG:-$WORK/app.log}" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 90); do curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null && break; sleep 1; done
  curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null || { tail -50 "$WORK/app.log"; exit 1; }
  ( while kill -0 $APP_PID 2>/dev/null; do jcmd $APP_PID GC.heap_info 2>/dev/null | awk '/garbage-first heap|total/ {for(i=1;i<=NF;i++) if ($i=="used") print $(i+1)}' | head -n1; sleep 0.5; done ) > "$WORK/heap-$1.txt" &
  SAMPLER_PID=$!
}
stop_optline() { kill $APP_PID; wait $APP_PID 2>/dev/null || true; kill $SAMPLER_PID 2>/dev/null || true; }
cpu_seconds() { awk '{ print ($14 + $15) / 100 }' "/proc/$APP_PID/stat"; } # utime + stime, in clock ticks of 1/100 s

# A personalised message of about 5 KB once built (the same size smtp-source is given below).
BODY=$(python3 -c "
p = '<p>Dear {{name}}, here is what is new in {{country|your country}} this week. ' + 'Our spring collection has arrived with shoes, boots and sandals for every season and occasion. ' * 2 + '</p>'
print(('<h1>Hello {{name}}</h1>' + p * 7).replace('\"', ''))")
campaign() { # $1: name; prints the id
  api "$CLIENT_KEY" -X POST "http://127.0.0.1:$PORT/api/v1/campaigns" -d "{\"name\": \"$1\", \"subject\": \"News for {{name}}\",
    \"fromName\": \"Bench Shop\", \"fromEmail\": \"news@bench-shop.de\", \"html\": \"$BODY\", \"listIds\": [\"$LIST\"]}" | json "['id']"
}
send_and_time() { # $1: campaign id, $2: label
  local before t0 t1 cpu0 cpu1 delivered
  before=$(sink_count); cpu0=$(cpu_seconds); t0=$(date +%s.%N)
  api "$CLIENT_KEY" -X POST "http://127.0.0.1:$PORT/api/v1/campaigns/$1/send" -d '{}' >/dev/null
  while [ "$(api "$CLIENT_KEY" "http://127.0.0.1:$PORT/api/v1/campaigns/$1" | json "['status']")" != sent ]; do sleep 0.2; done
  t1=$(date +%s.%N); cpu1=$(cpu_seconds)
  delivered=$(( $(sink_count) - before ))
  api "$CLIENT_KEY" "http://127.0.0.1:$PORT/api/v1/campaigns/$1/delivery" | json "['counts']" | sed 's/^/   queue: /'
  RATE=$(awk -v n="$ROWS" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", n / (b - a) }')
  CPU=$(awk -v c0="$cpu0" -v c1="$cpu1" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", 100 * (c1 - c0) / (b - a) }')
  echo "   $2: $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') s, $RATE msg/s, CPU $CPU % of one core; smtp-sink counted $delivered"
  [ "$delivered" -eq "$ROWS" ] || { echo "Optline delivered $delivered, expected $ROWS" >&2; exit 1; }
}

echo "== Optline (unsigned): set-up and import"
start_optline false
CLIENT_KEY=$(api $KEY -X POST "http://127.0.0.1:$PORT/api/v1/clients" \
  -d '{"name": "Bench Shop", "postalAddress": "1 Bench Road, Benchtown", "adminEmail": "bench@bench-shop.de"}' | json "['adminApiKey']")
LIST=$(api "$CLIENT_KEY" -X POST "http://127.0.0.1:$PORT/api/v1/lists" -d '{"name": "Everybody", "optIn": "single"}' | json "['id']")
api "$CLIENT_KEY" -X POST "http://127.0.0.1:$PORT/api/v1/fields" -d '{"key": "country", "type": "text"}' >/dev/null
api "$CLIENT_KEY" -X POST "http://127.0.0.1:$PORT/api/v1/domains" -d '{"domain": "bench-shop.de"}' >/dev/null
IMPORT=$(curl -sf -H "Authorization: Bearer $CLIENT_KEY" -F "file=@$WORK/people.csv" -F "listId=$LIST" \
  -F "attestation=Benchmark data, generated" "http://127.0.0.1:$PORT/api/v1/imports" | json "['id']")
while [ "$(api "$CLIENT_KEY" "http://127.0.0.1:$PORT/api/v1/imports/$IMPORT" | json "['status']")" != done ]; do sleep 1; done
UNSIGNED_ID=$(campaign "Unsigned")
SIGNED_ID=$(campaign "Signed")
# The real size of one message: a test send lands in the capture outbox, which keeps the raw text.
api "$CLIENT_KEY" -X POST "http://127.0.0.1:$PORT/api/v1/campaigns/$UNSIGNED_ID/test" -d '{"emails": ["size@example.org"]}' >/dev/null
SIZE=$(api "$CLIENT_KEY" "http://127.0.0.1:$PORT/api/v1/outbox?limit=1" | python3 -c "
import sys, json; print(len(json.load(sys.stdin)['items'][0]['raw'].encode()))")
echo "   one message is $SIZE bytes (unsigned)"

echo "== Optline: $ROWS messages, unsigned, $CONNECTIONS connections"
send_and_time "$UNSIGNED_ID" "unsigned"; UNSIGNED=$RATE; UNSIGNED_CPU=$CPU
stop_optline
echo "== Optline: $ROWS messages, DKIM-signed"
start_optline true
send_and_time "$SIGNED_ID" "signed"; SIGNED=$RATE; SIGNED_CPU=$CPU
stop_optline
PEAK=$(cat "$WORK"/heap-*.txt | tr -d 'K' | sort -n | tail -n1)

echo "== smtp-source: $ROWS messages of $SIZE bytes, -s 4"
before=$(sink_count); t0=$(date +%s.%N)
"$SOURCE" -d -s 4 -m "$ROWS" -l "$SIZE" -f from@example.com -t to@example.com "127.0.0.1:$SINK_PORT"
t1=$(date +%s.%N); delivered=$(( $(sink_count) - before ))
REF=$(awk -v n="$ROWS" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", n / (b - a) }')
echo "   smtp-source: $REF msg/s; smtp-sink counted $delivered"

echo
echo "== result ($ROWS messages, $(nproc) cores, $(date -u +%Y-%m-%d))"
printf "   smtp-source -s 4          %6d msg/s\n" "$REF"
printf "   Optline unsigned          %6d msg/s  ratio %.2f (target >= 0.75)  CPU %s %%\n" "$UNSIGNED" "$(echo "$UNSIGNED / $REF" | bc -l)" "$UNSIGNED_CPU"
printf "   Optline DKIM-signed       %6d msg/s  (target >= 1500)              CPU %s %%\n" "$SIGNED" "$SIGNED_CPU"
[ -n "$PEAK" ] && printf "   peak used heap            %6.0f MB (-Xmx%s)\n" "$(echo "$PEAK / 1024" | bc -l)" "$HEAP"
