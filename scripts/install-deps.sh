#!/usr/bin/env bash
# Installs what Zaakstroom needs on a Debian/Ubuntu machine, and nothing that is already there:
# the PostgreSQL server programs (initdb, pg_ctl, postgres, psql) for the embedded database and the tests,
# liblz4's headers and library for the LZ4-framed exports of the log (`zaakstroom export`/`import`),
# zlib's headers and pkg-config for ZIPFoundation (the catalogi export/import ZIPs),
# and curl and Python's venv for the conformance run.
# The Swift toolchain itself is expected on PATH (swift 6.1 or newer).
set -euo pipefail

missing=()
have_postgres_server() {
    command -v initdb >/dev/null 2>&1 && return 0
    compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null
}
have_postgres_server || missing+=(postgresql)
command -v psql >/dev/null 2>&1 || missing+=(postgresql-client)
# The CLZ4 system-library target links liblz4 and includes <lz4frame.h>.
dpkg -s liblz4-dev >/dev/null 2>&1 || missing+=(liblz4-dev)
# ZIPFoundation (catalogi export/import ZIPs) links zlib, found through pkg-config.
dpkg -s zlib1g-dev >/dev/null 2>&1 || missing+=(zlib1g-dev)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
# The conformance and real-client runs: curl to wait for the server, a Python venv for schemathesis and
# gemma-zds-client (from PyPI).
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
python3 -c "import ensurepip, venv" >/dev/null 2>&1 || missing+=(python3-venv)

if ! command -v swift >/dev/null 2>&1; then
    echo "swift is not on PATH: install the Swift 6.1+ toolchain (https://www.swift.org/install/)" >&2
    exit 1
fi

ensure_postgres_user() {
    # Run as root, the embedded PostgreSQL runs as the `postgres` user (initdb refuses root).
    if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
        useradd --system --no-create-home --shell /usr/sbin/nologin postgres
    fi
}

if [ ${#missing[@]} -eq 0 ]; then
    ensure_postgres_user
    exit 0
fi

echo "installing: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
# Debian's package starts a cluster of its own; Zaakstroom runs its own, so that one is not needed.
if command -v systemctl >/dev/null 2>&1; then $SUDO systemctl disable --now postgresql >/dev/null 2>&1 || true; fi
ensure_postgres_user
