#!/usr/bin/env bash
# Message building benchmarks: JMH, one thread each, in one run:
#  - composing: Optline's MIME composer against the same ~5 KB two-part message built through
#    Jakarta Mail's object model;
#  - DKIM signing: Optline's signer against Apache James jDKIM's, same key, same RSA provider.
# Prints messages per second per core of each and the ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests test-compile
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
CP="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
java -cp "$CP" org.openjdk.jmh.Main 'org.optline.bench.(Compose|Sign)Benchmark' -rf csv -rff target/build-bench.csv | tail -n 6
awk -F, 'NR > 1 { gsub(/"/, ""); n = split($1, p, "."); score[p[n - 1] "." p[n]] = $5 }
  END { printf "\nComposing: Optline %.0f msg/s per core; Jakarta Mail object model %.0f/s; ratio %.2f\n",
          score["ComposeBenchmark.optline"], score["ComposeBenchmark.jakartaMail"], score["ComposeBenchmark.optline"] / score["ComposeBenchmark.jakartaMail"]
        printf "DKIM signing: Optline %.0f msg/s per core; jDKIM %.0f/s; ratio %.2f\n",
          score["SignBenchmark.optline"], score["SignBenchmark.jdkim"], score["SignBenchmark.optline"] / score["SignBenchmark.jdkim"] }' target/build-bench.csv
