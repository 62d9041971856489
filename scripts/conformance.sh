#!/usr/bin/env bash
# Runs schemathesis against the official specs in ../shared/specs, on a fresh server with its own embedded
# PostgreSQL: no 5xx, every response body matching its schema, every status code declared (after the known
# deviations of scripts/conformance/patch_spec.py). Usage: scripts/conformance.sh [max-examples] (default 20).
# Installs schemathesis into .venv; CI runs it after the unit tests (`make conformance`).
set -euo pipefail
cd "$(dirname "$0")/.."
examples="${1:-20}"
specs="$(cd .. && pwd)/shared/specs"
[ -d "$specs" ] || { echo "no specs at $specs" >&2; exit 1; }

if [ ! -x .venv/bin/schemathesis ]; then
    python3 -m venv .venv
    .venv/bin/pip install -q "schemathesis==4.32.5"
fi
# The debug build the tests already made; only the executable's own module and link are new.
swift build --product zaakstroom >/dev/null
binary=.build/debug/zaakstroom
data="$(mktemp -d /tmp/zaakstroom-conformance-XXXXXX)"
port=$(( 20000 + RANDOM % 20000 ))
# The URLs schemathesis invents (zaaktypen, documents, webhooks) must not make the server call other hosts.
ZAAKSTROOM_OUTBOUND_HOSTS=127.0.0.1 "$binary" serve --data-dir "$data" --port "$port" --log-level warning >"$data.log" 2>&1 &
server=$!
trap 'kill -TERM $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$data" "$data.log"' EXIT
for _ in $(seq 1 200); do
    curl -sf "http://127.0.0.1:$port/_healthz/readyz" >/dev/null && break
    sleep 0.3
done
"$binary" applicatie create --client-id conformance --secret conformance --all --data-dir "$data" >/dev/null
token="$("$binary" token --client-id conformance --secret conformance)"

status=0
for api in "catalogi catalogi-1.3.1.yaml" "autorisaties autorisaties-1.0.0.yaml" "zaken zaken-1.5.1-vng.yaml" "documenten documenten-1.4.2-vng.yaml" "besluiten besluiten-1.1.0.yaml" "notificaties notificaties-1.0.0.yaml"; do
    set -- $api
    echo "== $1 ($2)"
    patched="$data/$2"
    .venv/bin/python scripts/conformance/patch_spec.py "$specs/$2" "$specs" "$patched"
    started=$(date +%s)
    .venv/bin/schemathesis run "$patched" -u "http://127.0.0.1:$port/$1/api/v1" -H "Authorization: Bearer $token" \
        -H "Accept-Crs: EPSG:4326" -H "Content-Crs: EPSG:4326" --max-examples "$examples" --seed 1 \
        -c not_a_server_error,response_schema_conformance,status_code_conformance || status=1
    echo "== $1: $(( $(date +%s) - started )) s"
done
if ! kill -0 "$server" 2>/dev/null; then
    echo "the server died during the run:" >&2
    tail -50 "$data.log" >&2
    status=1
fi
exit $status
