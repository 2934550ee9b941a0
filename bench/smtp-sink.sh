# Sourced by the SMTP benchmarks (send.sh, smtp-clients.sh): Postfix's smtp-sink and smtp-source,
# installed if missing, and a sink on a free port of 127.0.0.1 whose own message counter the
# benchmarks check. Needs WORK (a scratch folder) set; sets SINK, SOURCE, SINK_PORT and SINK_PID.

if ! command -v smtp-sink >/dev/null || ! command -v smtp-source >/dev/null; then
  echo "== installing postfix (for smtp-sink and smtp-source)"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  # "No configuration" keeps the postfix package from asking questions or starting a mail server.
  echo "postfix postfix/main_mailer_type select No configuration" | $SUDO debconf-set-selections
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postfix >/dev/null
fi
SINK="$(command -v smtp-sink || echo /usr/sbin/smtp-sink)"
SOURCE="$(command -v smtp-source || echo /usr/sbin/smtp-source)"

start_sink() {
  # A free port: one nothing answers on. bash's /dev/tcp connect fails when the port is closed.
  SINK_PORT=""
  for p in $(seq 25250 25350); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then SINK_PORT=$p; break; fi
  done
  [ -n "$SINK_PORT" ] || { echo "no free port in 25250-25350" >&2; exit 1; }
  # smtp-sink refuses to run as root without -u; it drops to that user after binding.
  local user=(); [ "$(id -u)" -ne 0 ] || user=(-u nobody)
  "$SINK" -c ${user[@]+"${user[@]}"} "127.0.0.1:$SINK_PORT" 1000 >"$WORK/sink.log" 2>&1 &
  SINK_PID=$!
  for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$SINK_PORT") 2>/dev/null && break; sleep 0.1; done
}

# Messages smtp-sink has accepted so far: -c rewrites "sess=.. quit=.. mesg=N" after every "." and QUIT.
sink_count() { sleep 0.5; tr '\r' '\n' <"$WORK/sink.log" | awk -F'mesg=' 'NF > 1 { n = $2 + 0 } END { print n + 0 }'; }
