#!/usr/bin/env bash
# Rendering benchmark: JMH, one thread, Optline's per-message render (HTML + text +
# subject from content compiled and sanitised once) against plain String.replace of the same
# fields, in one run. Prints messages per second per core for both and the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests test-compile
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
CP="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
java -cp "$CP" org.openjdk.jmh.Main 'org.optline.bench.RenderBenchmark' -rf csv -rff target/render-bench.csv | tail -n 6
awk -F, 'NR > 1 { gsub(/"/, ""); split($1, n, "."); score[n[length(n)]] = $5 }
  END { printf "\nOptline render: %.0f msg/s per core; String.replace reference: %.0f/s; ratio %.2f (target >= 20000 msg/s per core)\n",
        score["optline"], score["reference"], score["optline"] / score["reference"] }' target/render-bench.csv
