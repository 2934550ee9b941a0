#!/usr/bin/env bash
# Message building benchmark (issue 6): JMH, one thread, Optline's MIME composer against the same
# ~5 KB two-part message built through Jakarta Mail's object model, in one run. Prints messages
# per second per core of both and the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests test-compile
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
CP="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
java -cp "$CP" org.openjdk.jmh.Main 'org.optline.bench.ComposeBenchmark' -rf csv -rff target/compose-bench.csv | tail -n 4
awk -F, 'NR > 1 { gsub(/"/, ""); split($1, n, "."); score[n[length(n)]] = $5 }
  END { printf "\nOptline composer: %.0f msg/s per core; Jakarta Mail object model: %.0f/s; ratio %.2f\n",
        score["optline"], score["jakartaMail"], score["optline"] / score["jakartaMail"] }' target/compose-bench.csv
