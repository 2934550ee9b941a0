#!/usr/bin/env bash
# SMTP client benchmark: Angus Mail, HubSpot NioSmtpClient, the Vert.x mail client and Optline's own
# relay transport (NioSmtpClient with the next envelope pipelined behind each message's data) sending the same
# ~5 KB message to Postfix's smtp-sink on 127.0.0.1, with Postfix's own smtp-source (C, no pipelining)
# as the reference in the same run. Prints msg/s per client and its ratio to smtp-source.
#
#   bash bench/smtp-clients.sh                        # 20,000 messages over 4 connections
#   COUNT=3000 CONNECTIONS=2 bash bench/smtp-clients.sh
#   JAVA_OPTS=-Dio.netty.transport.noNative=true CLIENTS=nio bash bench/smtp-clients.sh   # NioSmtpClient on NIO, not epoll
#   LATENCY_MS=1 COUNT=5000 WARMUP=500 bash bench/smtp-clients.sh   # every client 1 ms (each way) from the sink
#
# Each Java client runs in its own JVM, warms up (WARMUP messages, default 2,000, not timed), then
# times COUNT messages. smtp-sink's own message counter is checked after every client, so a client
# that reports success without delivering is caught. Run it on an otherwise idle machine: the sink,
# the client and the JVM's JIT share the cores.
set -euo pipefail
cd "$(dirname "$0")/.."

COUNT="${COUNT:-20000}"
CONNECTIONS="${CONNECTIONS:-4}"
WARMUP="${WARMUP:-2000}"
CLIENTS="${CLIENTS:-angus nio vertx optline}"
WORK="$(mktemp -d)"
LATENCY_MS="${LATENCY_MS:-0}"
trap 'kill "${SINK_PID:-0}" "${PROXY_PID:-0}" 2>/dev/null || true; rm -rf "$WORK"' EXIT

# shellcheck source=smtp-sink.sh
. bench/smtp-sink.sh

echo "== building"
./mvnw -q -B -DskipTests test-compile
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
CP="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
JAVA=(java ${JAVA_OPTS:-} -Xms1g -Xmx1g -cp "$CP" org.optline.bench.SmtpClientsBench)

start_sink
# With LATENCY_MS, every client (smtp-source too) talks to the sink through bench/latency-proxy.py,
# which delays each chunk by that much in each direction: a relay a network away, not on loopback.
PORT="$SINK_PORT"
if [ "$LATENCY_MS" != 0 ]; then
  PORT=$((SINK_PORT + 1))
  python3 bench/latency-proxy.py "$PORT" "$SINK_PORT" "$LATENCY_MS" &
  PROXY_PID=$!
  sleep 1
  echo "== clients reach the sink through a proxy adding $LATENCY_MS ms each way (127.0.0.1:$PORT)"
fi

SIZE="$("${JAVA[@]}" --template-size)"
echo "== smtp-sink on 127.0.0.1:$SINK_PORT; $COUNT messages of $SIZE bytes over $CONNECTIONS connections (warm-up $WARMUP)"

before=$(sink_count)
t0=$(date +%s.%N)
# -l is the body length; smtp-source adds a few short headers of its own, so its messages are
# slightly larger than ours. It does not pipeline: MAIL, RCPT, DATA and "." each wait for a reply.
"$SOURCE" -d -s "$CONNECTIONS" -m "$COUNT" -l "$SIZE" -f from@example.com -t to@example.com "127.0.0.1:$PORT"
t1=$(date +%s.%N)
delivered=$(( $(sink_count) - before ))
REF=$(awk -v n="$COUNT" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", n / (b - a) }')
echo "client=smtp-source connections=$CONNECTIONS messages=$COUNT seconds=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }') msg_per_s=$REF"
echo "  smtp-sink counted $delivered messages (expected $COUNT)"
[ "$delivered" -eq "$COUNT" ] || { echo "smtp-source under-delivered" >&2; exit 1; }

declare -A RATE
STATUS=0
for client in $CLIENTS; do
  before=$(sink_count)
  # A client with failed sends exits 1; keep going so the other clients are still measured.
  "${JAVA[@]}" 127.0.0.1 "$PORT" "$COUNT" "$CONNECTIONS" "$client" "$WARMUP" | tee "$WORK/$client.out" || STATUS=1
  delivered=$(( $(sink_count) - before ))
  RATE[$client]=$(awk '/^client=/ { for (i = 1; i <= NF; i++) if ($i ~ /^msg_per_s=/) { sub(/msg_per_s=/, "", $i); print $i } }' "$WORK/$client.out")
  echo "  smtp-sink counted $delivered messages (expected $((COUNT + WARMUP)), warm-up included)"
  if [ "$delivered" -ne $((COUNT + WARMUP)) ]; then
    echo "$client under-delivered" >&2
    STATUS=1
  fi
done

echo
echo "== $COUNT messages, $SIZE bytes, $CONNECTIONS connections (msg/s; ratio to smtp-source)"
printf "%-12s %10s %8s\n" smtp-source "$REF" 1.00
for client in $CLIENTS; do
  printf "%-12s %10s %8s\n" "$client" "${RATE[$client]:-failed}" \
    "$(awk -v r="${RATE[$client]:-0}" -v ref="$REF" 'BEGIN { printf "%.2f", r / ref }')"
done
[ "$STATUS" -eq 0 ] || echo "SOME CLIENTS FAILED OR UNDER-DELIVERED; see above" >&2
exit "$STATUS"
