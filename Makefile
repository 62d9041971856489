# The two commands of the README: `make serve` and `make test`. Both install missing system packages first.
.PHONY: deps build serve test conformance real-client benchmark bench

deps:
	@./scripts/install-deps.sh

build: deps
	swift build -c release --product zaakstroom

# Builds and starts the server on its own embedded PostgreSQL (data in ./zaakstroom-data) unless DATABASE_URL is set.
serve: build
	.build/release/zaakstroom serve

# Runs every test against a throwaway PostgreSQL that the tests start themselves.
test: deps
	swift test

# Schemathesis against the official specs (../shared/specs) on a fresh server; CI runs it after `test`.
conformance: deps
	./scripts/conformance.sh 5

# A zaak flow through gemma-zds-client (PyPI) against the real binary, the schema fetched from the server; CI runs it
# after `test`.
real-client: deps
	./scripts/real-client.sh

# The event-store benchmark (see Benchmarks/README.md).
benchmark: deps
	swift run -c release EventStoreBenchmark

# Issue 11 at municipal scale: dataset (BENCH_ZAKEN, default 10000), the real server, every load scenario, a
# report and a chart in Benchmarks/results/ (see Benchmarks/README.md).
bench: deps
	./scripts/bench.sh
