#!/usr/bin/env bash
# `make bench`: release build, a generated dataset of BENCH_ZAKEN zaken, the real `zaakstroom serve` on it, every
# load scenario (Benchmarks/LoadBenchmark), then a Markdown report and a PNG chart in Benchmarks/results/<N>-zaken/.
# The server is the real binary in its own process, as deployed: the load client then competes with it for the
# 2 cores the way any client on the same machine would, and nothing of the benchmark runs inside the server.
set -euo pipefail
cd "$(dirname "$0")/.."

zaken=${BENCH_ZAKEN:-10000}
besluiten=${BENCH_BESLUITEN:-$zaken}
seconds=${BENCH_SECONDS:-10}
port=${BENCH_PORT:-18700}
out=Benchmarks/results/$zaken-zaken
data=${BENCH_DATA_DIR:-Benchmarks/results/data-$zaken}
mkdir -p "$out"

for product in zaakstroom DatasetGenerator LoadBenchmark; do swift build -c release --product "$product"; done
bin=.build/release

generator=("$bin/DatasetGenerator" --zaken "$zaken" --besluiten "$besluiten" --data-dir "$data" --port "$port" --summary "$out/dataset.json")
if [ "${BENCH_REUSE_DATA:-0}" = 1 ] && grep -q verify_seconds "$out/dataset.json" 2>/dev/null; then
    echo "reusing $data"
elif [ "${BENCH_RESUME:-0}" = 1 ]; then
    # A run that stopped after its ingest (the summary then holds the ingest's figures): rebuild, verify, check.
    "${generator[@]}" --resume | tee -a "$out/dataset.txt"
else
    rm -rf "$data"
    "${generator[@]}" | tee "$out/dataset.txt"
fi
if [ "${BENCH_CHECK_PROJECTIONS:-0}" = 1 ]; then
    "$bin/zaakstroom" check-projections --data-dir "$data" | tee "$out/check-projections.txt"
fi

# The load benchmark's webhook receiver listens on 127.0.0.1, which the outbound policy refuses unless named.
ZAAKSTROOM_OUTBOUND_HOSTS=127.0.0.1 "$bin/zaakstroom" serve --data-dir "$data" --port "$port" --log-level error &
server=$!
trap 'kill -TERM $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do
    curl -sf "http://127.0.0.1:$port/_healthz/readyz" >/dev/null && break
    sleep 0.2
done

"$bin/LoadBenchmark" --base-url "http://127.0.0.1:$port" --seconds "$seconds" --scenarios "${BENCH_SCENARIOS:-1,2,3,4}" \
    --dataset "$out/dataset.json" --json "$out/results.json" --report "$out/report.md" | tee "$out/load.txt"

if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c "import matplotlib" 2>/dev/null; then
    python3 -m venv .venv
    .venv/bin/pip install -q "matplotlib==3.11.2"
fi
.venv/bin/python scripts/bench_chart.py "$out/results.json" "$out/latency.png"
echo "report: $out/report.md"
