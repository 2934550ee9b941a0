#!/usr/bin/env bash
# Inbound listener benchmark: Optline on PostgreSQL takes MESSAGES delivery status notifications
# (one realistic RFC 3464 bounce of about 3 KB, generated once) from Postfix's smtp-source over
# SESSIONS parallel SMTP sessions, each one answered 250 only once it is stored; in the same run
# smtp-source delivers the same messages to Postfix's smtp-sink (which stores nothing) for
# reference. Prints both rates and their ratio (target: at least 1/3), then checks that every
# message is stored once and waits until each has reached a final state (processed or
# unprocessable), counting the rows by state. While the listener is busy, processing leaves
# messages younger than defer-while-busy (30 s) for later, as in production (docs/inbound.md). smtp-source -N gives each message its own VERP
# recipient (1b-bench@..., 2b-bench@...), so the same bytes are as many messages (docs/inbound.md).
#
#   bash bench/inbound.sh                          # 20,000 messages, 20 sessions
#   MESSAGES=5000 SESSIONS=10 bash bench/inbound.sh
#   WARMUP=2000 WARMUP_ROUNDS=1 bash bench/inbound.sh   # one short warm-up round, however busy the JIT still is
#   SKIP_BUILD=1 bash bench/inbound.sh             # use the jar in target/
#   OPTLINE_CP=... SKIP_BUILD=1 bash bench/inbound.sh   # run from this class path instead of the jar
set -euo pipefail
cd "$(dirname "$0")/.."

MESSAGES="${MESSAGES:-20000}"
# Warm-up rounds of WARMUP messages (each processed to the end) run until the JIT compilers take less
# than a tenth of Optline's CPU in a round (at most WARMUP_ROUNDS), so the timed run meets the
# steady state of a listener that has been up a while, not a young JVM's compile queue.
WARMUP="${WARMUP:-5000}"
WARMUP_ROUNDS="${WARMUP_ROUNDS:-8}"
SESSIONS="${SESSIONS:-20}"
PORT="${PORT:-18083}"
SMTP_PORT="${SMTP_PORT:-25525}"
HEAP="${HEAP:-512m}"
WAIT="${WAIT:-600}"
PG_ADMIN="${PG_ADMIN:-postgres}"
DB=optline_bench_inbound
KEY="opl_bench_operator_key_0123456789abcdef"
WORK="$(mktemp -d)"
chmod 755 "$WORK"
cleanup() { kill "${APP_PID:-0}" "${SINK_PID:-0}" 2>/dev/null || true; }
trap cleanup EXIT

. bench/smtp-sink.sh
psql_admin() { psql -h 127.0.0.1 -U "$PG_ADMIN" -d postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
psql_db() { psql -h 127.0.0.1 -U "$PG_ADMIN" -d "$DB" -v ON_ERROR_STOP=1 -qAt "$@"; }
now() { date +%s.%N; }
rate() { python3 -c "print('%.0f' % ($1 / ($3 - $2)))"; }

echo "== fresh database $DB (role optline_app) and build"
psql_admin -c "do \$\$ begin if not exists (select from pg_roles where rolname = 'optline_app') then create role optline_app login nosuperuser nobypassrls; end if; end \$\$"
psql_admin -c "drop database if exists $DB with (force)"
psql_admin -c "create database $DB owner optline_app"
[ "${SKIP_BUILD:-0}" = 1 ] || ./mvnw -q -B -DskipTests package
if [ -n "${OPTLINE_CP:-}" ]; then
  APP=(-cp "$OPTLINE_CP" org.optline.OptlineApplication)
else
  APP=(-jar "$(ls target/optline-*.jar | grep -v original | head -n1)")
fi

echo "== the bounce: an RFC 3464 report with the returned message's headers"
cat > "$WORK/dsn.eml" <<'DSN'
Return-Path: <>
Received: from mx.example.net (mx.example.net [192.0.2.25])
	by mx1.optline.local with ESMTP id 4Qk2Zx1Lz0z9v; Mon,  7 Dec 2026 06:00:00 +0000 (UTC)
Date: Mon,  7 Dec 2026 06:00:00 +0000 (UTC)
From: MAILER-DAEMON@mx.example.net (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: b-bench@bounces.optline.local
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
	boundary="4Qk2Zx1Lz0z9v.1796623200/mx.example.net"
Message-Id: <20261207060000.4Qk2Zx1Lz0z9v@mx.example.net>

This is a MIME-encapsulated message.

--4Qk2Zx1Lz0z9v.1796623200/mx.example.net
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mx.example.net.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

For further assistance, please send mail to postmaster.

If you do so, please include this problem report. You can
delete your own text from the attached returned message.

                   The mail system

<reader000123@example.net>: host mail.example.net[192.0.2.30] said: 550 5.1.1
    <reader000123@example.net>: Recipient address rejected: User unknown in
    virtual mailbox table (in reply to RCPT TO command)

--4Qk2Zx1Lz0z9v.1796623200/mx.example.net
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.net
X-Postfix-Queue-ID: 4Qk2Zx1Lz0z9v
X-Postfix-Sender: rfc822; b-bench@bounces.optline.local
Arrival-Date: Mon,  7 Dec 2026 05:59:58 +0000 (UTC)

Final-Recipient: rfc822; reader000123@example.net
Original-Recipient: rfc822;reader000123@example.net
Action: failed
Status: 5.1.1
Remote-MTA: dns; mail.example.net
Diagnostic-Code: smtp; 550 5.1.1 <reader000123@example.net>: Recipient address
    rejected: User unknown in virtual mailbox table

--4Qk2Zx1Lz0z9v.1796623200/mx.example.net
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers

Return-Path: <b-bench@bounces.optline.local>
Received: from optline.example.com (optline.example.com [198.51.100.7])
	by mx.example.net with ESMTPS id 4Qk2Zx1Lz0z9v
	for <reader000123@example.net>; Mon,  7 Dec 2026 05:59:58 +0000 (UTC)
DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=bench-shop.de; s=optline;
	h=from:to:subject:date:message-id:list-unsubscribe:list-unsubscribe-post;
	bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;
	b=dGVzdCBzaWduYXR1cmUgZm9yIGEgYmVuY2htYXJrIGJvdW5jZSwgbm90IGEgcmVhbCBvbmU=
From: Bench Shop <news@bench-shop.de>
To: reader000123@example.net
Subject: Our December news
Date: Mon,  7 Dec 2026 05:59:57 +0000
Message-ID: <c0ffee00-1234-4abc-8def-000000000123@bench-shop.de>
List-Unsubscribe: <https://optline.example.com/s/u/AbCdEfGh>, <mailto:u-AbCdEfGh@bounces.optline.local>
List-Unsubscribe-Post: List-Unsubscribe=One-Click
Feedback-ID: campaign-1:client-1:optline
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="b1"

--4Qk2Zx1Lz0z9v.1796623200/mx.example.net--
DSN
echo "   $(wc -c < "$WORK/dsn.eml") bytes"

echo "== Optline with the inbound listener on 127.0.0.1:$SMTP_PORT"
OPTLINE_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" OPTLINE_DB_USER=optline_app OPTLINE_PORT=$PORT \
  OPTLINE_OPERATOR_API_KEY=$KEY OPTLINE_OPERATOR_PASSWORD="bench operator password" OPTLINE_DATA_DIR="$WORK/data" \
  OPTLINE_INBOUND_PORT=$SMTP_PORT OPTLINE_INBOUND_CONNECTIONS_PER_MINUTE=0 \
  java -Xmx$HEAP ${JAVA_OPTS:-} "${APP[@]}" > "$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 180); do curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null && break; sleep 1; done
curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null || { tail -50 "$WORK/app.log"; exit 1; }

send() { # $1: port, $2: messages, $3: recipient (-N numbers it per message); fails if smtp-source does
  "$SOURCE" -N -s "$SESSIONS" -m "$2" -f '' -t "$3" -F "$WORK/dsn.eml" "127.0.0.1:$1"
}

# utime + stime of the given processes in clock ticks (1/100 s); gone processes count 0.
ticks_of() { local p t=0; for p in "$@"; do t=$(( t + $(awk '{ print $14 + $15 }' "/proc/$p/stat" 2>/dev/null || echo 0) )); done; echo $t; }
jit_ticks() { local t s=0; for t in /proc/$APP_PID/task/*; do
  case "$(cat "$t/comm" 2>/dev/null)" in C[12]\ CompilerThre*) s=$(( s + $(awk '{ print $14 + $15 }' "$t/stat" 2>/dev/null || echo 0) ));; esac
  done; echo $s; }
received() { psql_db -c "select count(*) from inbound_messages where state = 'received'"; }
# Waits until every stored message has reached a final state (at most WAIT seconds).
drain() { for _ in $(seq 1 "$WAIT"); do [ "$(received)" -eq 0 ] && return 0; sleep 1; done; return 1; }

WARMED=0
if [ "$WARMUP" -gt 0 ]; then
  for round in $(seq 1 "$WARMUP_ROUNDS"); do
    cpu0=$(ticks_of "$APP_PID"); jit0=$(jit_ticks)
    # Another recipient each round, so they are other messages (counted below).
    send "$SMTP_PORT" "$WARMUP" "b-warmup$round@bounces.optline.local"
    WARMED=$((WARMED + WARMUP))
    drain || { echo "FAIL: warm-up messages still received after ${WAIT}s" >&2; exit 1; }
    cpu=$(( $(ticks_of "$APP_PID") - cpu0 )); jit=$(( $(jit_ticks) - jit0 ))
    echo "   warm-up round $round: $WARMUP messages stored and processed, the JIT $(( 100 * jit / (cpu > 0 ? cpu : 1) )) % of Optline's CPU"
    [ $(( 10 * jit )) -lt "$cpu" ] && break
  done
fi

echo "== reference: $MESSAGES messages, $SESSIONS sessions, smtp-source -> smtp-sink"
start_sink
T0=$(now); send "$SINK_PORT" "$MESSAGES" b-bench@bounces.optline.local; T1=$(now)
SUNK=$(sink_count)
SINK_RATE=$(rate "$MESSAGES" "$T0" "$T1")
echo "   $SINK_RATE msg/s (smtp-sink counted $SUNK)"

echo "== Optline: $MESSAGES messages, $SESSIONS sessions, smtp-source -> inbound listener"
APP0=$(ticks_of "$APP_PID"); PG0=$(ticks_of $(pgrep -x postgres || true)); JIT0=$(jit_ticks)
T0=$(now); send "$SMTP_PORT" "$MESSAGES" b-bench@bounces.optline.local; T1=$(now)
APP1=$(ticks_of "$APP_PID"); PG1=$(ticks_of $(pgrep -x postgres || true)); JIT1=$(jit_ticks)
OPTLINE_RATE=$(rate "$MESSAGES" "$T0" "$T1")
echo "   $OPTLINE_RATE msg/s, every one answered 250 after its commit"
echo "   CPU a message meanwhile (processing of what waited defer-while-busy runs alongside): Optline $(( 10000 * (APP1 - APP0) / MESSAGES )) us" \
  "(of it the JIT $(( 10000 * (JIT1 - JIT0) / MESSAGES )) us), PostgreSQL $(( 10000 * (PG1 - PG0) / MESSAGES )) us"

EXPECTED=$((MESSAGES + WARMED))
STORED=$(psql_db -c "select count(*) from inbound_messages")
echo "== stored: $STORED rows (expected $EXPECTED: the warm-up rounds and the run; smtp-source stops at the first refusal)"
[ "$STORED" -eq "$EXPECTED" ] || { echo "FAIL: $STORED stored, expected $EXPECTED" >&2; exit 1; }

echo "== waiting up to ${WAIT}s for every message to reach a final state"
T0=$(now)
for _ in $(seq 1 "$WAIT"); do
  [ "$(psql_db -c "select count(*) from inbound_messages where state = 'received'")" -eq 0 ] && break
  sleep 1
done
T1=$(now)
psql_db -c "select state, count(*) from inbound_messages group by state order by state" | sed 's/^/   /'
LEFT=$(psql_db -c "select count(*) from inbound_messages where state = 'received'")
if [ "$LEFT" -ne 0 ]; then
  grep -m1 "No MailClassifier" "$WORK/app.log" || true
  echo "FAIL: $LEFT messages still received after ${WAIT}s" >&2; exit 1
fi
echo "   all final $(python3 -c "print('%.1f' % ($T1 - $T0))") s after the last 250"

echo
python3 -c "
sink, optline = $SINK_RATE, $OPTLINE_RATE
print('smtp-sink %d msg/s, Optline %d msg/s, ratio %.2f (target >= 0.33)' % (sink, optline, optline / sink))"
