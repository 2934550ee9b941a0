#!/usr/bin/env bash
# Import benchmark: a 1M-row CSV imported into PostgreSQL through a running Optline
# (HTTP upload, background import), against psql \copy of the same file into a plain indexed table,
# in one run. Prints rows/s of both, the ratio, and Optline's peak heap (run with -Xmx256m). Then a
# second file of as many new addresses goes into the same client, for how the rate holds up when
# the tables already hold the first million.
#
#   bash bench/import.sh            # 1,000,000 rows
#   ROWS=200000 bash bench/import.sh
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS="${ROWS:-1000000}"
PORT="${PORT:-18080}"
PG_ADMIN="${PG_ADMIN:-postgres}"
DB=optline_bench
KEY="opl_bench_operator_key_0123456789abcdef"
WORK="$(mktemp -d)"
trap 'kill "${APP_PID:-0}" 2>/dev/null || true; kill "${SAMPLER_PID:-0}" 2>/dev/null || true' EXIT

psql_admin() { psql -h 127.0.0.1 -U "$PG_ADMIN" -d postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

echo "== generating $ROWS rows"
generate() { # $1: the address prefix, $2: the file
  awk -v n="$ROWS" -v p="$1" 'BEGIN {
    srand(42); split("US CA DE FR GB NL SE ES IT PL", c, " "); split("shoes hats running garden books music travel food", t, " ");
    print "email,name,country,age,interests";
    for (i = 1; i <= n; i++) {
      printf "%s%07d@mail%d.example-shop.de,Person %d,%s,%d,%s;%s\n", p, i, i % 97, i, c[int(rand()*10)+1], 18 + int(rand()*60), t[int(rand()*8)+1], t[int(rand()*8)+1]
    }
  }' > "$2"
}
generate person "$WORK/people.csv"
generate second "$WORK/second.csv"
ls -lh "$WORK/people.csv" | awk '{print "   file size " $5}'

echo "== psql \\copy into a plain indexed table"
psql_admin -c "drop table if exists bench_copy" -d test 2>/dev/null || true
psql -h 127.0.0.1 -U "$PG_ADMIN" -d test -qc "drop table if exists bench_copy; create table bench_copy (email text, name text, country text, age int, interests text); create unique index on bench_copy (lower(email));"
T0=$(date +%s.%N)
psql -h 127.0.0.1 -U "$PG_ADMIN" -d test -qc "\\copy bench_copy from '$WORK/people.csv' with (format csv, header true)"
T1=$(date +%s.%N)
COPY_RATE=$(echo "$ROWS / ($T1 - $T0)" | bc -l)
printf "   \\copy: %.1f s, %.0f rows/s\n" "$(echo "$T1 - $T0" | bc -l)" "$COPY_RATE"
psql -h 127.0.0.1 -U "$PG_ADMIN" -d test -qc "drop table bench_copy"

echo "== fresh database $DB for Optline (role optline_app)"
psql_admin -c "do \$\$ begin if not exists (select from pg_roles where rolname = 'optline_app') then create role optline_app login nosuperuser nobypassrls; end if; end \$\$"
psql_admin -c "drop database if exists $DB with (force)"
psql_admin -c "create database $DB owner optline_app"

echo "== building and starting Optline (-Xmx256m)"
./mvnw -q -B -DskipTests package
JAR=$(ls target/optline-*.jar | grep -v original | head -n1)
OPTLINE_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" OPTLINE_DB_USER=optline_app OPTLINE_PORT=$PORT \
  OPTLINE_OPERATOR_API_KEY=$KEY OPTLINE_OPERATOR_PASSWORD="bench operator password" OPTLINE_DATA_DIR="$WORK/data" \
  java -Xmx256m ${JAVA_OPTS:-} -jar "$JAR" > "$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 90); do curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null && break; sleep 1; done
curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null || { tail -50 "$WORK/app.log"; exit 1; }

api() { curl -sf -H "Authorization: Bearer $1" -H 'Content-Type: application/json' "${@:2}"; }
json() { python3 -c "import sys, json; print(json.load(sys.stdin)$1)"; }
CLIENT_KEY=$(api $KEY -X POST "http://127.0.0.1:$PORT/api/v1/clients" \
  -d '{"name": "Bench Shop", "postalAddress": "1 Bench Road", "adminEmail": "bench@bench-shop.de"}' | json "['adminApiKey']")
LIST=$(api "$CLIENT_KEY" -X POST "http://127.0.0.1:$PORT/api/v1/lists" -d '{"name": "Everybody", "optIn": "single"}' | json "['id']")
api "$CLIENT_KEY" -X POST "http://127.0.0.1:$PORT/api/v1/fields" -d '{"key": "country", "type": "text"}' >/dev/null
api "$CLIENT_KEY" -X POST "http://127.0.0.1:$PORT/api/v1/fields" -d '{"key": "age", "type": "number"}' >/dev/null
api "$CLIENT_KEY" -X POST "http://127.0.0.1:$PORT/api/v1/fields" -d '{"key": "interests", "type": "multi"}' >/dev/null

# The floor: the same file written set-based straight into Optline's tables (one COPY into a
# staging table, then one INSERT ... SELECT each for subscribers with their interests, the
# import's consent row and the memberships pointing at it, as optline_app under row-level security), for a second client, before Optline's
# own run so that Optline meets the larger indexes. No validation, dedupe or lookups: no import
# through these tables can be faster than this.
FLOOR_KEY=$(api $KEY -X POST "http://127.0.0.1:$PORT/api/v1/clients" \
  -d '{"name": "Bench Floor", "postalAddress": "1 Floor Road", "adminEmail": "floor@bench-shop.de"}' | json "['adminApiKey']")
FLOOR_LIST=$(api "$FLOOR_KEY" -X POST "http://127.0.0.1:$PORT/api/v1/lists" -d '{"name": "Everybody", "optIn": "single"}' | json "['id']")
api "$FLOOR_KEY" -X POST "http://127.0.0.1:$PORT/api/v1/fields" -d '{"key": "country", "type": "text"}' >/dev/null
api "$FLOOR_KEY" -X POST "http://127.0.0.1:$PORT/api/v1/fields" -d '{"key": "age", "type": "number"}' >/dev/null
api "$FLOOR_KEY" -X POST "http://127.0.0.1:$PORT/api/v1/fields" -d '{"key": "interests", "type": "multi"}' >/dev/null
FLOOR_CLIENT=$(psql_admin -d "$DB" -c "select id from clients where name = 'Bench Floor'")
SLOTS=$(psql_admin -d "$DB" -c "select string_agg(slot, ',' order by field_key) from custom_fields where client_id = '$FLOOR_CLIENT'")
[ "$SLOTS" = "number_1,text_1,multi_1" ] || { echo "unexpected slots $SLOTS"; exit 1; }
cat > "$WORK/floor.sql" <<SQL
begin;
select set_config('optline.client_id', '$FLOOR_CLIENT', true), set_config('optline.scope', 'client', true);
create temp table raw (email text, name text, country text, age numeric, interests text) on commit drop;
\\copy raw from '$WORK/people.csv' with (format csv, header true)
-- Time-ordered ids in line order, as Optline makes them (the version and variant bits aside).
create temp table stage on commit drop as
  select (lpad(to_hex((extract(epoch from now()) * 1000)::bigint), 12, '0') || '7' || lpad(to_hex(n), 19, '0'))::uuid as id,
         n + 1 as line, email, lower(email) as email_key, name, country, age, interests
  from (select row_number() over () as n, * from raw) r;
insert into subscribers (id, client_id, email, email_key, email_hash, name, status, created_at, updated_at, text_1, number_1, multi_1)
  select id, '$FLOOR_CLIENT', email, email_key, encode(sha256(convert_to(email_key, 'UTF8')), 'hex'), name, 'active', now(), now(), country, age,
         nullif(array(select distinct trim(v) from unnest(string_to_array(interests, ';')) v where trim(v) <> '' order by 1), '{}')
  from stage;
insert into consent_events (client_id, subscriber_id, at, event, list_id, source_kind, source_id, consent_text, detail)
  values ('$FLOOR_CLIENT', null, now(), 'imported', '$FLOOR_LIST', 'import', 'floor', 'Benchmark data, generated', 'floor');
insert into list_memberships (client_id, list_id, subscriber_id, status, created_at, updated_at, consent_event_id, consent_line)
  select '$FLOOR_CLIENT', '$FLOOR_LIST', id, 'confirmed', now(), now(),
         (select id from consent_events where source_id = 'floor' and subscriber_id is null), line from stage;
commit;
SQL
echo "== the floor: COPY and set-based INSERT ... SELECT straight into Optline's tables"
T0=$(date +%s.%N)
psql -h 127.0.0.1 -U optline_app -d "$DB" -v ON_ERROR_STOP=1 -q -f "$WORK/floor.sql" >/dev/null
T1=$(date +%s.%N)
FLOOR_RATE=$(echo "$ROWS / ($T1 - $T0)" | bc -l)
printf "   floor: %.1f s, %.0f rows/s\n" "$(echo "$T1 - $T0" | bc -l)" "$FLOOR_RATE"
psql_admin -d "$DB" -c "analyze"

# Peak heap: the used heap (survivors + eden + old, KB) every half second while the import runs,
# from one jstat; a jcmd per sample started a JVM each time and took CPU from the import measured.
jstat -gc "$APP_PID" 500 2>/dev/null | awk 'NR > 1 { printf "%.0f\n", $3 + $4 + $6 + $8; fflush() }' > "$WORK/heap.txt" &
SAMPLER_PID=$!

import_file() { # $1: the file; prints the rate in rows/s
  local t0 t1 id
  t0=$(date +%s.%N)
  id=$(curl -sf -H "Authorization: Bearer $CLIENT_KEY" -F "file=@$1" -F "listId=$LIST" \
    -F "attestation=Benchmark data, generated" "http://127.0.0.1:$PORT/api/v1/imports" | json "['id']")
  # Polled with grep, not python: a python start per poll would take CPU from the import measured.
  until api "$CLIENT_KEY" "http://127.0.0.1:$PORT/api/v1/imports/$id" | grep -q -E '"status":"(done|failed)"'; do
    sleep 0.5
  done
  t1=$(date +%s.%N)
  api "$CLIENT_KEY" "http://127.0.0.1:$PORT/api/v1/imports/$id" | python3 -c "import sys, json; d = json.load(sys.stdin); print('   status', d['status'], 'imported', d['rowsImported'], 'rejected', d['rowsRejected'])" >&2
  printf "   %.1f s\n" "$(echo "$t1 - $t0" | bc -l)" >&2
  echo "$ROWS / ($t1 - $t0)" | bc -l
}
echo "== Optline import through the API"
OPT_RATE=$(import_file "$WORK/people.csv")
printf "   Optline: %.0f rows/s (upload included)\n" "$OPT_RATE"
echo "== a second import of as many new addresses into the same client"
SECOND_RATE=$(import_file "$WORK/second.csv")
printf "   Optline, second: %.0f rows/s (upload included)\n" "$SECOND_RATE"
PEAK=$(sort -n "$WORK/heap.txt" | tail -n1 | tr -d 'K')

echo
echo "== result ($ROWS rows, $(nproc) cores, $(date -u +%Y-%m-%d))"
printf "   psql \\copy      %8.0f rows/s\n" "$COPY_RATE"
printf "   SQL floor       %8.0f rows/s  (%.1f %% of \\copy)\n" "$FLOOR_RATE" "$(echo "100 * $FLOOR_RATE / $COPY_RATE" | bc -l)"
printf "   Optline import  %8.0f rows/s  (%.0f %% of the floor)\n" "$OPT_RATE" "$(echo "100 * $OPT_RATE / $FLOOR_RATE" | bc -l)"
printf "   ratio           %8.1f %%  (target >= 10 %%)\n" "$(echo "100 * $OPT_RATE / $COPY_RATE" | bc -l)"
printf "   second import   %8.0f rows/s  (%.2f x the first one's time; target <= 1.3)\n" "$SECOND_RATE" "$(echo "$OPT_RATE / $SECOND_RATE" | bc -l)"
[ -n "$PEAK" ] && printf "   peak used heap  %8.0f MB (limit 256 MB, -Xmx256m)\n" "$(echo "$PEAK / 1024" | bc -l)"
