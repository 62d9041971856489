#!/usr/bin/env bash
# The real-client test (issue 18): gemma-zds-client from PyPI, in its default way of working (each API's schema
# fetched from the server, only the headers that schema requires), runs a zaak flow against the real binary on a
# fresh server with its own embedded PostgreSQL: create, read, list with a filter, add a status, PATCH, read the
# zaaktype (scripts/real-client/zaak_flow.py). First every API's served document is checked with
# openapi-spec-validator. Installs both into .venv; CI runs it after the unit tests (`make real-client`).
set -euo pipefail
cd "$(dirname "$0")/.."

[ -x .venv/bin/python ] || python3 -m venv .venv
# gemma-zds-client 2.0.0 imports pkg_resources, which setuptools 81 dropped.
if ! .venv/bin/python -c "import zds_client, openapi_spec_validator" 2>/dev/null; then
    .venv/bin/pip install -q "gemma-zds-client==2.0.0" "setuptools<81" "openapi-spec-validator==0.9.0"
fi
# The debug build the tests already made; only the executable's own module and link are new.
swift build --product zaakstroom >/dev/null
binary=.build/debug/zaakstroom
data="$(mktemp -d /tmp/zaakstroom-real-client-XXXXXX)"
port=$(( 20000 + RANDOM % 20000 ))
ZAAKSTROOM_OUTBOUND_HOSTS=127.0.0.1 "$binary" serve --data-dir "$data" --port "$port" --log-level warning >"$data.log" 2>&1 &
server=$!
trap 'kill -TERM $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$data" "$data.log"' EXIT
for _ in $(seq 1 200); do
    curl -sf "http://127.0.0.1:$port/_healthz/readyz" >/dev/null && break
    sleep 0.3
done
"$binary" applicatie create --client-id real-client --secret real-client-secret-of-at-least-32-bytes --all --data-dir "$data" >/dev/null
# The server picks up a new client within a second (LISTEN/NOTIFY).
sleep 1.5

status=0
for api in zaken documenten catalogi besluiten autorisaties notificaties; do
    curl -sf "http://127.0.0.1:$port/$api/api/v1/schema/openapi.yaml" >"$data/$api.yaml" || { echo "no document for $api" >&2; status=1; continue; }
    .venv/bin/openapi-spec-validator "$data/$api.yaml" || status=1
done
.venv/bin/python scripts/real-client/zaak_flow.py "http://127.0.0.1:$port" real-client real-client-secret-of-at-least-32-bytes || status=1
if [ $status -ne 0 ]; then
    echo "server log:" >&2
    tail -30 "$data.log" >&2
fi
exit $status
