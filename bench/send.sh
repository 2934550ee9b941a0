#!/usr/bin/env bash
# Send benchmark: a personalised ~5 KB campaign to N subscribers sent by a running Optline
# on PostgreSQL through its SMTP relay transport to Postfix's smtp-sink on 127.0.0.1, and in the same
# run the same number of messages of the same size sent by Postfix's smtp-source (-d -s 4) to the
# same sink (REF_RUNS times, 3 by default; the ratio is to the fastest). Optline is measured twice,
# unsigned and DKIM-signed (a restart switches signing on). Prints msg/s of each, the ratios,
# Optline's peak heap and CPU use; smtp-sink's own counter is checked after every run, so a run
# that lost or doubled messages fails.
#
#   bash bench/send.sh                  # 100,000 recipients, 4 connections
#   ROWS=20000 CONNECTIONS=8 bash bench/send.sh
#   WARMUP=0 bash bench/send.sh         # no warm-up campaign before the timed ones
#   WARMUP_ROUNDS=1 bash bench/send.sh  # one warm-up campaign, however busy the JIT still is
#   SIGNED=0 REF_RUNS=1 bash bench/send.sh   # unsigned only, one smtp-source run (quick A/B runs)
#   JAVA_OPTS=-XX:StartFlightRecording=filename=/tmp/send-@DKIM@.jfr bash bench/send.sh   # profiles (@DKIM@: dkim-false, dkim-true)
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS="${ROWS:-100000}"
# Messages sent to a separate list before each timed send, so that the timed one runs on a warmed-up
# JVM as a server that has been up a while does (the JIT otherwise takes a third of the CPU of a
# first campaign after a start). WARMUP=0 measures a cold start.
WARMUP="${WARMUP:-20000}"
CONNECTIONS="${CONNECTIONS:-4}"
PORT="${PORT:-18081}"
HEAP="${HEAP:-512m}"
JAVA_OPTS="${JAVA_OPTS:-}"
PG_ADMIN="${PG_ADMIN:-postgres}"
DB=optline_bench_send
KEY="opl_bench_operator_key_0123456789abcdef"
WORK="$(mktemp -d)"
AUTOVACUUM_SWITCHED=""
cleanup() {
  kill "${APP_PID:-0}" "${SAMPLER_PID:-0}" "${SINK_PID:-0}" 2>/dev/null || true
  [ -z "$AUTOVACUUM_SWITCHED" ] || psql_admin -c "alter system reset autovacuum" -c "select pg_reload_conf()" >/dev/null || true
}
trap cleanup EXIT

# shellcheck source=smtp-sink.sh
. bench/smtp-sink.sh
psql_admin() { psql -h 127.0.0.1 -U "$PG_ADMIN" -d postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
api() { curl -sf -H "Authorization: Bearer $1" -H 'Content-Type: application/json' "${@:2}"; }
json() { python3 -c "import sys, json; print(json.load(sys.stdin)$1)"; }

start_sink

# PostgreSQL's default is autovacuum on; a server set up without it (this project's CI machine
# is) lets the queue's dead row versions pile up through a long send, which is not what a
# production server does. Switched on for the run and put back as it was afterwards.
if [ "$(psql_admin -c 'show autovacuum')" = off ]; then
  psql_admin -c "alter system set autovacuum = on" -c "select pg_reload_conf()" >/dev/null
  AUTOVACUUM_SWITCHED=yes
  echo "== autovacuum switched on for this run (the server had it off)"
fi

echo "== generating $ROWS subscribers"
awk -v n="$ROWS" 'BEGIN { srand(7); split("US CA DE FR GB NL", c, " ");
  print "email,name,country";
  for (i = 1; i <= n; i++) printf "reader%07d@mail%d.example-shop.de,Reader %d,%s\n", i, i % 97, i, c[int(rand()*6)+1] }' > "$WORK/people.csv"

awk -v n="$WARMUP" 'BEGIN { print "email,name,country";
  for (i = 1; i <= n; i++) printf "warmup%07d@mail%d.example-shop.de,Warm %d,DE\n", i, i % 97, i }' > "$WORK/warmup.csv"

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
    OPTLINE_SMTP_MAX_CONNECTIONS=$CONNECTIONS OPTLINE_DELIVERY_DKIM="$1" OPTLINE_DELIVERY_BATCH_SIZE=${BATCH:-500} OPTLINE_DELIVERY_LANES=${LANES:-5} \
    java -Xmx$HEAP ${JAVA_OPTS//@DKIM@/dkim-$1} -jar "$JAR" >> "${APP_LOG:-$WORK/app.log}" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 90); do curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null && break; sleep 1; done
  curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null || { tail -50 "$WORK/app.log"; exit 1; }
  # Used heap (survivors + eden + old, KB) twice a second, from one jstat: a jcmd per sample
  # started a JVM each time and took a third of a core from the send being measured.
  jstat -gc "$APP_PID" 500 2>/dev/null | awk 'NR > 1 { printf "%.0f\n", $3 + $4 + $6 + $8; fflush() }' > "$WORK/heap-$1.txt" &
  SAMPLER_PID=$!
}
stop_optline() { kill $APP_PID; wait $APP_PID 2>/dev/null || true; pkill -P $$ jstat 2>/dev/null || true; }
# utime + stime of the given processes, in seconds (clock ticks of 1/100 s); gone processes count 0.
cpu_of() { local p t=0; for p in "$@"; do t=$(( t + $(awk '{ print $14 + $15 }' "/proc/$p/stat" 2>/dev/null || echo 0) )); done; awk -v t=$t 'BEGIN { print t / 100 }'; }
cpu_seconds() { cpu_of "$APP_PID"; }
# Optline's CPU ticks by thread, grouped by thread name (builders, SMTP I/O, lanes, GC, JIT, other).
thread_ticks() {
  for t in /proc/$APP_PID/task/*; do
    printf '%s\t%s\n' "$(cat "$t/comm" 2>/dev/null)" "$(awk '{ print $14 + $15 }' "$t/stat" 2>/dev/null)"
  done | awk -F'\t' '{ g = "other"
    if ($1 ~ /^message-builder/) g = "building"; else if ($1 ~ /^multiThreadIo/) g = "SMTP I/O (Netty)"
    else if ($1 ~ /^delivery-lane/) g = "lanes (database)"; else if ($1 ~ /^(G1|GC)/) g = "GC"
    else if ($1 ~ /^C[12] CompilerThre/) g = "JIT"; t[g] += $2 } END { for (g in t) print g "\t" t[g] }'
}
# Row updates of the send queue so far, and how many of them were HOT (no index touched):
# "updates hot" (PostgreSQL's statistics lag by up to a second).
queue_updates() { psql -h 127.0.0.1 -U "$PG_ADMIN" -d "$DB" -qAt -F ' ' \
  -c "select n_tup_upd, n_tup_hot_upd from pg_stat_user_tables where relname = 'send_queue'"; }
# PostgreSQL's processes (its backends live as long as the application's connection pool).
pg_cpu_seconds() { cpu_of $(pgrep -x postgres || true); }
# The whole machine's busy CPU seconds (all cores; user, system, interrupts), from /proc/stat. The
# per-process figures miss what no process it samples is charged for: the kernel's loopback TCP
# work in interrupt context, and PostgreSQL's autovacuum workers, which come and go between two
# samples. This one misses nothing, so it tells whether the cores were full.
machine_busy_seconds() { awk '/^cpu / { print ($2 + $3 + $4 + $7 + $8 + $9) / 100 }' /proc/stat; }
# "$1 $2 $3 $4": busy seconds before and after, seconds elapsed, messages: the share of all cores
# that was busy, and the machine's CPU a message in all.
machine_line() { awk -v b0="$1" -v b1="$2" -v d="$3" -v n="$4" -v c="$(nproc)" 'BEGIN {
  printf "   the machine: %.0f %% of its %d cores busy, %.0f us of CPU a message in all\n", 100 * (b1 - b0) / (d * c), c, 1e6 * (b1 - b0) / n }'; }

# A personalised message of about 5 KB once built (the same size smtp-source is given below).
BODY=$(python3 -c "
p = '<p>Dear {{name}}, here is what is new in {{country|your country}} this week. ' + 'Our spring collection has arrived with shoes, boots and sandals for every season and occasion. ' * 2 + '</p>'
print(('<h1>Hello {{name}}</h1>' + p * 7).replace('\"', ''))")
campaign() { # $1: name, $2: list id (default: the timed list); prints the id
  api "$CLIENT_KEY" -X POST "http://127.0.0.1:$PORT/api/v1/campaigns" -d "{\"name\": \"$1\", \"subject\": \"News for {{name}}\",
    \"fromName\": \"Bench Shop\", \"fromEmail\": \"news@bench-shop.de\", \"html\": \"$BODY\", \"listIds\": [\"${2:-$LIST}\"]}" | json "['id']"
}
import_csv() { # $1: file, $2: list id
  local id; id=$(curl -sf -H "Authorization: Bearer $CLIENT_KEY" -F "file=@$1" -F "listId=$2" \
    -F "attestation=Benchmark data, generated" "http://127.0.0.1:$PORT/api/v1/imports" | json "['id']")
  while [ "$(api "$CLIENT_KEY" "http://127.0.0.1:$PORT/api/v1/imports/$id" | json "['status']")" != done ]; do sleep 1; done
}
send_campaign() { # $1: campaign id, $2: seconds between polls; returns once it reads "sent"
  api "$CLIENT_KEY" -X POST "http://127.0.0.1:$PORT/api/v1/campaigns/$1/send" -d '{}' >/dev/null
  # Polled with grep, not python: a python start per poll would take CPU from the send being timed.
  until api "$CLIENT_KEY" "http://127.0.0.1:$PORT/api/v1/campaigns/$1" | grep -q '"status":"sent"'; do sleep "$2"; done
}
# CPU ticks of the compiler threads alive now. On a machine with more cores HotSpot may stop idle
# extra compiler threads, and their ticks leave the sum; with two cores there is one C1 and one C2
# thread for the whole run.
jit_ticks() { thread_ticks | awk -F'\t' '$1 == "JIT" { print $2 }'; }
# Waits until the JIT compilers have been idle for a second (at most 60 s): what they still had
# queued from the last campaign is then compiled.
jit_quiet() { local a b; for _ in $(seq 1 60); do a=$(jit_ticks); sleep 1; b=$(jit_ticks); [ "$a" = "$b" ] && return 0; done; return 0; }
warm_up() { # $1: campaign id of the first warm-up campaign, $2: label of the campaigns to add
  [ "$WARMUP" -gt 0 ] || return 0
  # Warm-up campaigns of WARMUP messages until the JIT's share of one falls under a tenth of
  # Optline's CPU (at most WARMUP_ROUNDS): the timed send should meet the steady state of a server
  # that has been up a while, not the compilers still working off a young JVM's queue. On a slow
  # machine one round of 20,000 left C2 busy for the whole timed send (docs/benchmarks-log.md).
  local id=$1 round before cpu0 jit0 cpu jit
  for round in $(seq 1 "${WARMUP_ROUNDS:-12}"); do
    [ "$round" -eq 1 ] || id=$(campaign "$2 $round" "$WARM_LIST")
    before=$(sink_count); cpu0=$(cpu_seconds); jit0=$(jit_ticks)
    send_campaign "$id" 0.5
    [ $(( $(sink_count) - before )) -eq "$WARMUP" ] || { echo "warm-up delivered the wrong number" >&2; exit 1; }
    cpu=$(awk -v a="$cpu0" -v b="$(cpu_seconds)" 'BEGIN { print b - a }'); jit=$(( $(jit_ticks) - jit0 ))
    echo "   warm-up round $round: $WARMUP messages, the JIT $(awk -v j="$jit" -v c="$cpu" 'BEGIN { printf "%.0f", j / c }') % of Optline's CPU"
    jit_quiet
    if awk -v j="$jit" -v c="$cpu" 'BEGIN { exit !(j / 100 < c / 10) }'; then break; fi
  done
}
send_and_time() { # $1: campaign id, $2: label
  local before t0 t1 cpu0 cpu1 pg0 pg1 sink0 sink1 delivered upd0 busy0 busy1
  thread_ticks > "$WORK/threads-before"; upd0=$(queue_updates)
  before=$(sink_count); cpu0=$(cpu_seconds); pg0=$(pg_cpu_seconds); sink0=$(cpu_of "$SINK_PID"); busy0=$(machine_busy_seconds); t0=$(date +%s.%N)
  send_campaign "$1" 0.2
  t1=$(date +%s.%N); busy1=$(machine_busy_seconds); cpu1=$(cpu_seconds); pg1=$(pg_cpu_seconds); sink1=$(cpu_of "$SINK_PID")
  thread_ticks > "$WORK/threads-after"
  delivered=$(( $(sink_count) - before ))
  api "$CLIENT_KEY" "http://127.0.0.1:$PORT/api/v1/campaigns/$1/delivery" | json "['counts']" | sed 's/^/   queue: /'
  RATE=$(awk -v n="$ROWS" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", n / (b - a) }')
  CPU=$(awk -v c0="$cpu0" -v c1="$cpu1" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", 100 * (c1 - c0) / (b - a) }')
  echo "   $2: $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') s, $RATE msg/s, CPU $CPU % of one core; smtp-sink counted $delivered"
  awk -v p0="$pg0" -v p1="$pg1" -v s0="$sink0" -v s1="$sink1" -v a="$t0" -v b="$t1" -v n="$ROWS" 'BEGIN {
    printf "   meanwhile PostgreSQL used %.0f %% of one core (%.0f us a message), smtp-sink %.0f %% (%.0f us)\n",
      100 * (p1 - p0) / (b - a), 1e6 * (p1 - p0) / n, 100 * (s1 - s0) / (b - a), 1e6 * (s1 - s0) / n }'
  machine_line "$busy0" "$busy1" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" "$ROWS"
  sleep 1; echo "$upd0 $(queue_updates)" | awk -v n="$ROWS" '{ printf "   queue rows: %.2f updates a message, %.0f %% of them HOT\n", ($3 - $1) / n, ($3 > $1) ? 100 * ($4 - $2) / ($3 - $1) : 0 }'
  echo "   Optline: $(awk -v c0="$cpu0" -v c1="$cpu1" -v n="$ROWS" 'BEGIN { printf "%.0f", 1e6 * (c1 - c0) / n }') us of CPU a message, of which:"
  awk -F'\t' -v n="$ROWS" 'NR == FNR { b[$1] = $2; next } { d = $2 - b[$1]; if (d > 0) printf "     %-18s %5.0f us\n", $1, 1e4 * d / n }' \
    "$WORK/threads-before" "$WORK/threads-after"
  [ "$delivered" -eq "$ROWS" ] || { echo "Optline delivered $delivered, expected $ROWS" >&2; exit 1; }
}

echo "== Optline (unsigned): set-up and import"
start_optline false
CLIENT_KEY=$(api $KEY -X POST "http://127.0.0.1:$PORT/api/v1/clients" \
  -d '{"name": "Bench Shop", "postalAddress": "1 Bench Road, Benchtown", "adminEmail": "bench@bench-shop.de"}' | json "['adminApiKey']")
LIST=$(api "$CLIENT_KEY" -X POST "http://127.0.0.1:$PORT/api/v1/lists" -d '{"name": "Everybody", "optIn": "single"}' | json "['id']")
api "$CLIENT_KEY" -X POST "http://127.0.0.1:$PORT/api/v1/fields" -d '{"key": "country", "type": "text"}' >/dev/null
api "$CLIENT_KEY" -X POST "http://127.0.0.1:$PORT/api/v1/domains" -d '{"domain": "bench-shop.de"}' >/dev/null
# Mail leaves through a relay only From a domain whose DKIM record was found in the DNS; the bench
# has no DNS for bench-shop.de, so it marks the domain as a successful check would.
psql -h 127.0.0.1 -U "$PG_ADMIN" -d "$DB" -v ON_ERROR_STOP=1 -qAt -c "update sending_domains set verified_at = now(), \
  checked_at = now(), dkim_check = 'published' where domain = 'bench-shop.de'" >/dev/null
# Test messages go only to the client's users and its allowed test recipients.
api "$CLIENT_KEY" -X POST "http://127.0.0.1:$PORT/api/v1/test-recipients" -d '{"email": "size@example.org"}' >/dev/null
import_csv "$WORK/people.csv" "$LIST"
UNSIGNED_ID=$(campaign "Unsigned")
SIGNED_ID=$(campaign "Signed")
if [ "$WARMUP" -gt 0 ]; then
  WARM_LIST=$(api "$CLIENT_KEY" -X POST "http://127.0.0.1:$PORT/api/v1/lists" -d '{"name": "Warm-up", "optIn": "single"}' | json "['id']")
  import_csv "$WORK/warmup.csv" "$WARM_LIST"
  WARM_UNSIGNED_ID=$(campaign "Warm-up unsigned" "$WARM_LIST")
  WARM_SIGNED_ID=$(campaign "Warm-up signed" "$WARM_LIST")
fi
# The real size of one message: a test send lands in the capture outbox, which keeps the raw text.
api "$CLIENT_KEY" -X POST "http://127.0.0.1:$PORT/api/v1/campaigns/$UNSIGNED_ID/test" -d '{"emails": ["size@example.org"]}' >/dev/null
SIZE=$(api "$CLIENT_KEY" "http://127.0.0.1:$PORT/api/v1/outbox?limit=1" | python3 -c "
import sys, json; print(len(json.load(sys.stdin)['items'][0]['raw'].encode()))")
echo "   one message is $SIZE bytes (unsigned)"

echo "== Optline: $ROWS messages, unsigned, $CONNECTIONS connections"
warm_up "${WARM_UNSIGNED_ID:-}" "Warm-up unsigned"
send_and_time "$UNSIGNED_ID" "unsigned"; UNSIGNED=$RATE; UNSIGNED_CPU=$CPU
stop_optline
if [ "${SIGNED:-1}" != 0 ]; then
  echo "== Optline: $ROWS messages, DKIM-signed"
  start_optline true
  warm_up "${WARM_SIGNED_ID:-}" "Warm-up signed"
  send_and_time "$SIGNED_ID" "signed"; SIGNED_RATE=$RATE; SIGNED_CPU=$CPU
  stop_optline
else
  SIGNED_RATE=0; SIGNED_CPU="-"
fi
PEAK=$(cat "$WORK"/heap-*.txt | tr -d 'K' | sort -n | tail -n1)

# smtp-source's own speed varies between runs far more than Optline's (one machine gave either
# 7.2-7.9k or 10.5-11k msg/s, nothing between), so it runs REF_RUNS times and the ratio is
# taken against the fastest: the hardest reading of the target.
REF_RUNS="${REF_RUNS:-3}"
REF=0; REFS=""
for run in $(seq 1 "$REF_RUNS"); do
  echo "== smtp-source ($run of $REF_RUNS): $ROWS messages of $SIZE bytes, -s 4"
  before=$(sink_count); t0=$(date +%s.%N)
  sink0=$(cpu_of "$SINK_PID"); busy0=$(machine_busy_seconds)
  TIMEFORMAT='%U %S' # bash's own time: user and system seconds of smtp-source
  { time "$SOURCE" -d -s 4 -m "$ROWS" -l "$SIZE" -f from@example.com -t to@example.com "127.0.0.1:$SINK_PORT" 2>&3; } 3>&2 2>"$WORK/source-time"
  t1=$(date +%s.%N); busy1=$(machine_busy_seconds); sink1=$(cpu_of "$SINK_PID"); delivered=$(( $(sink_count) - before ))
  [ "$delivered" -eq "$ROWS" ] || { echo "smtp-source delivered $delivered of $ROWS" >&2; exit 1; }
  awk -v s0="$sink0" -v s1="$sink1" -v n="$ROWS" '{ printf "   smtp-source used %.0f us of CPU a message, smtp-sink %.0f us\n", 1e6 * ($1 + $2) / n, 1e6 * (s1 - s0) / n }' <(tail -n1 "$WORK/source-time")
  rate=$(awk -v n="$ROWS" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", n / (b - a) }')
  machine_line "$busy0" "$busy1" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" "$ROWS"
  echo "   smtp-source: $rate msg/s; smtp-sink counted $delivered"
  REFS="$REFS $rate"
  if [ "$rate" -gt "$REF" ]; then REF=$rate; fi
done

echo
echo "== result ($ROWS messages after warm-up rounds of $WARMUP, $(nproc) cores, $(date -u +%Y-%m-%d))"
printf "   smtp-source -s 4          %6d msg/s  (fastest of:%s)\n" "$REF" "$REFS"
printf "   Optline unsigned          %6d msg/s  ratio %.2f (target >= 0.75)  CPU %s %%\n" "$UNSIGNED" "$(echo "$UNSIGNED / $REF" | bc -l)" "$UNSIGNED_CPU"
[ "$SIGNED_RATE" = 0 ] || printf "   Optline DKIM-signed       %6d msg/s  (target >= 1500)              CPU %s %%\n" "$SIGNED_RATE" "$SIGNED_CPU"
[ -n "$PEAK" ] && printf "   peak used heap            %6.0f MB (-Xmx%s)\n" "$(echo "$PEAK / 1024" | bc -l)" "$HEAP"
