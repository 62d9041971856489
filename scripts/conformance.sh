#!/usr/bin/env bash
# Runs schemathesis against the official specs in ../shared/specs, on a fresh server with its own embedded
# PostgreSQL. Usage: scripts/conformance.sh [max-examples] (default 20). Needs python3 with venv; installs
# schemathesis into .venv. Only the APIs whose resources exist are checked (Catalogi so far).
set -euo pipefail
cd "$(dirname "$0")/.."
examples="${1:-20}"
specs="$(cd .. && pwd)/shared/specs"
[ -d "$specs" ] || { echo "no specs at $specs" >&2; exit 1; }

if [ ! -x .venv/bin/schemathesis ]; then
    python3 -m venv .venv
    .venv/bin/pip install -q schemathesis
fi
swift build -c release --product zaakstroom >/dev/null
binary=.build/release/zaakstroom
data="$(mktemp -d /tmp/zaakstroom-conformance-XXXXXX)"
port=$(( 20000 + RANDOM % 20000 ))
"$binary" serve --data-dir "$data" --port "$port" --log-level warning >"$data.log" 2>&1 &
server=$!
trap 'kill -TERM $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$data" "$data.log"' EXIT
for _ in $(seq 1 100); do
    curl -sf "http://127.0.0.1:$port/_healthz/readyz" >/dev/null && break
    sleep 0.3
done
"$binary" applicatie create --client-id conformance --secret conformance --all --data-dir "$data" >/dev/null
token="$("$binary" token --client-id conformance --secret conformance)"

status=0
for api in "catalogi catalogi-1.3.1.yaml"; do
    set -- $api
    echo "== $1 ($2)"
    .venv/bin/schemathesis run "$specs/$2" -u "http://127.0.0.1:$port/$1/api/v1" -H "Authorization: Bearer $token" \
        --max-examples "$examples" -c not_a_server_error,response_schema_conformance,status_code_conformance || status=1
done
exit $status
