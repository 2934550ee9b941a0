#!/usr/bin/env bash
# Segment count benchmark: 1M subscribers of one client on PostgreSQL; median and p95 of
# POST /api/v1/segments/count for five representative expressions, and of the same counts written
# by hand in SQL (psql), in one run, with the ratio.
#
#   bash bench/segments.sh                 # 1,000,000 subscribers
#   ROWS=200000 RUNS=9 bash bench/segments.sh
#
# The subscribers are generated in SQL (generate_series) rather than imported, which takes the
# import's two minutes out of the run; the rows are the same shape as bench/import.sh's.
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS="${ROWS:-1000000}"
RUNS="${RUNS:-15}"
PORT="${PORT:-18081}"
DB=optline_segbench
KEY="opl_bench_operator_key_0123456789abcdef"
WORK="$(mktemp -d)"
trap 'kill "${APP_PID:-0}" 2>/dev/null || true' EXIT

admin() { psql -h 127.0.0.1 -U postgres -d "${1:-postgres}" -v ON_ERROR_STOP=1 -qAt "${@:2}"; }

echo "== fresh database $DB (role optline_app)"
admin postgres -c "do \$\$ begin if not exists (select from pg_roles where rolname = 'optline_app') then create role optline_app login nosuperuser nobypassrls; end if; end \$\$"
admin postgres -c "drop database if exists $DB with (force)"
admin postgres -c "create database $DB owner optline_app"

echo "== building and starting Optline"
./mvnw -q -B -DskipTests package
JAR=$(ls target/optline-*.jar | grep -v original | head -n1)
OPTLINE_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" OPTLINE_DB_USER=optline_app OPTLINE_PORT=$PORT \
  OPTLINE_OPERATOR_API_KEY=$KEY OPTLINE_OPERATOR_PASSWORD="bench operator password" OPTLINE_DATA_DIR="$WORK/data" \
  java -Xmx512m -jar "$JAR" > "$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 90); do curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null && break; sleep 1; done

api() { curl -sf -H "Authorization: Bearer $1" -H 'Content-Type: application/json' "${@:2}"; }
json() { python3 -c "import sys, json; print(json.load(sys.stdin)$1)"; }
CREATED=$(api $KEY -X POST "http://127.0.0.1:$PORT/api/v1/clients" \
  -d '{"name": "Segment Bench", "postalAddress": "1 Bench Road", "adminEmail": "seg@bench-shop.de"}')
CKEY=$(echo "$CREATED" | json "['adminApiKey']")
CLIENT=$(echo "$CREATED" | json "['id']")
EVERYBODY=$(api "$CKEY" -X POST "http://127.0.0.1:$PORT/api/v1/lists" -d '{"name": "Everybody", "optIn": "single"}' | json "['id']")
VIP=$(api "$CKEY" -X POST "http://127.0.0.1:$PORT/api/v1/lists" -d '{"name": "VIP", "optIn": "single"}' | json "['id']")
for f in '{"key": "country", "type": "text"}' '{"key": "age", "type": "number"}' '{"key": "signup_date", "type": "date"}' '{"key": "interests", "type": "multi"}'; do
  api "$CKEY" -X POST "http://127.0.0.1:$PORT/api/v1/fields" -d "$f" >/dev/null
done
INTERESTS=$(admin $DB -c "select slot from custom_fields where client_id = '$CLIENT' and field_key = 'interests'")
[ "$INTERESTS" = "multi_1" ] || { echo "unexpected slot for interests: $INTERESTS"; exit 1; }

echo "== generating $ROWS subscribers in SQL"
T0=$(date +%s)
admin $DB <<SQL
set session_replication_role = replica; -- no FK checks while bulk-loading generated rows
-- Interests: one or two of eight values per person, sorted and distinct as Optline stores them.
insert into subscribers (id, client_id, email, email_key, email_hash, name, status, created_at, updated_at, text_1, number_1, date_1, multi_1)
select id, '$CLIENT'::uuid, e, e, encode(sha256(convert_to(e, 'UTF8')), 'hex'), 'Person ' || i, 'active', now() - (i % 900) * interval '1 day', now(),
       (array['US','CA','DE','FR','GB','NL','SE','ES','IT','PL'])[1 + i % 10], 18 + (i * 7) % 60,
       date '2024-01-01' + (i % 800),
       case when a = b then array[a] when a < b then array[a, b] else array[b, a] end
from (select i, e, id,
             (array['shoes','hats','running','garden','books','music','travel','food'])[1 + abs(hashtext(id::text)) % 8] as a,
             (array['shoes','hats','running','garden','books','music','travel','food'])[1 + abs(hashtext(id::text || 'b')) % 8] as b
      from (select i, gen_random_uuid() as id, 'person' || lpad(i::text, 7, '0') || '@mail' || (i % 97) || '.example-shop.de' as e
            from generate_series(1, $ROWS) i) n) g;
insert into list_memberships (client_id, list_id, subscriber_id, status, created_at, updated_at)
select client_id, '$EVERYBODY'::uuid, id, 'confirmed', now(), now() from subscribers where client_id = '$CLIENT';
insert into list_memberships (client_id, list_id, subscriber_id, status, created_at, updated_at)
select client_id, '$VIP'::uuid, id, 'confirmed', now(), now() from subscribers where client_id = '$CLIENT' and abs(hashtext(id::text)) % 20 = 0;
set session_replication_role = origin;
vacuum analyze subscribers; vacuum analyze list_memberships;
SQL
echo "   loaded in $(( $(date +%s) - T0 )) s"

EXPRESSIONS=(
  'country = "DE"'
  'country in ["US", "CA"] and interests has "shoes" and age >= 30'
  '(country = "FR" or country = "IT") and age < 25'
  'in list "Everybody" and not in list "VIP"'
  'signup_date between "2025-01-01" and "2025-06-30"'
)
HAND=(
  "select count(*) from subscribers where client_id = '$CLIENT' and text_1 = 'DE'"
  "select count(*) from subscribers s where client_id = '$CLIENT' and text_1 in ('US','CA') and number_1 >= 30 and multi_1 @> array['shoes']"
  "select count(*) from subscribers where client_id = '$CLIENT' and text_1 in ('FR','IT') and number_1 < 25"
  "select count(*) from subscribers s where client_id = '$CLIENT' and exists (select 1 from list_memberships m where m.subscriber_id = s.id and m.list_id = '$EVERYBODY' and m.status <> 'unsubscribed') and not exists (select 1 from list_memberships m where m.subscriber_id = s.id and m.list_id = '$VIP' and m.status <> 'unsubscribed')"
  "select count(*) from subscribers where client_id = '$CLIENT' and date_1 between '2025-01-01' and '2025-06-30'"
)

stats() { sort -n | awk '{a[NR]=$1} END {m = a[int((NR+1)/2)]; p = a[int(NR*0.95 + 0.999)]; if (p == "") p = a[NR]; printf "%.0f %.0f\n", m, p}'; }

echo
printf "%-72s %10s %10s %12s %12s %8s %10s\n" "expression ($ROWS subscribers, $RUNS runs)" "count" "median ms" "p95 ms" "hand median" "ratio" "hand count"
for i in "${!EXPRESSIONS[@]}"; do
  EXPR="${EXPRESSIONS[$i]}"
  BODY=$(python3 -c "import json, sys; print(json.dumps({'expression': sys.argv[1]}))" "$EXPR")
  COUNT=$(api "$CKEY" -X POST "http://127.0.0.1:$PORT/api/v1/segments/count" -d "$BODY" | json "['count']")
  for _ in $(seq 1 $RUNS); do
    curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $CKEY" -H 'Content-Type: application/json' \
      -X POST "http://127.0.0.1:$PORT/api/v1/segments/count" -d "$BODY" | awk '{print $1 * 1000}'
  done > "$WORK/opt.txt"
  read -r MED P95 < <(stats < "$WORK/opt.txt")
  HCOUNT=$(admin $DB -c "${HAND[$i]}")
  for _ in $(seq 1 $RUNS); do
    admin $DB -c '\timing on' -c "${HAND[$i]}" | awk '/^Time:/ {print $2}'
  done > "$WORK/hand.txt"
  read -r HMED HP95 < <(stats < "$WORK/hand.txt")
  printf "%-72s %10s %10s %12s %12s %7.2fx %10s\n" "$EXPR" "$COUNT" "$MED" "$P95" "$HMED" "$(echo "$MED / ($HMED + 0.001)" | bc -l)" "$HCOUNT"
done
echo
echo "target: <= 300 ms median for three conditions (row 2); $(nproc) cores, $(date -u +%Y-%m-%d)"
