// swift-tools-version:6.1
import PackageDescription

// One settings block for every target, as Hummingbird and swift-jobs-postgres do.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "zaakstroom",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "zaakstroom", targets: ["zaakstroom"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.80.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
    ],
    targets: [
        // Append-only event log: streams, expected versions, gap-free positions, hash chain.
        .target(
            name: "EventStore",
            dependencies: [
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // liblz4's frame API (apt: liblz4-dev), for the LZ4-framed exports of the log.
        .systemLibrary(name: "CLZ4", path: "Sources/CLZ4", providers: [.apt(["liblz4-dev"])]),
        // Export and import of the log: LZ4-framed JSON lines with the chain hashes.
        .target(
            name: "LogArchive",
            dependencies: ["EventStore", "CLZ4", .product(name: "PostgresNIO", package: "postgres-nio")],
            swiftSettings: swiftSettings
        ),
        // Runs a private PostgreSQL server (initdb + pg_ctl) for the server's embedded mode and the tests.
        .target(
            name: "EmbeddedPostgres",
            dependencies: [.product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        // Pure ZGW domain: resource types, events' payloads, rules. No I/O.
        .target(
            name: "Domain",
            swiftSettings: swiftSettings
        ),
        // Document bytes: a content-addressed store (sha256) on the filesystem, and the streaming decoders that feed
        // it (base64 `inhoud` inside a JSON body, multipart bestandsdelen) so no file is ever held in memory.
        .target(
            name: "ContentStore",
            dependencies: [
                "Domain",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // Read models built from the log: inline projectors and their tables.
        .target(
            name: "Projections",
            dependencies: ["EventStore", "Domain"],
            swiftSettings: swiftSettings
        ),
        // The ZGW HTTP conventions shared by every API: problem+json, API-version, auth, request context.
        .target(
            name: "ZGWHTTP",
            dependencies: [
                "EventStore", "Projections", "Domain",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // Writes: validate -> decide events -> append (+ inline projections).
        .target(
            name: "CommandAPI",
            dependencies: [
                "EventStore", "Projections", "ZGWHTTP", "Domain", "ContentStore", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: swiftSettings
        ),
        // Reads: serve read models only.
        .target(
            name: "QueryAPI",
            dependencies: ["EventStore", "Projections", "ZGWHTTP", "Domain", "ContentStore", .product(name: "Hummingbird", package: "hummingbird")],
            swiftSettings: swiftSettings
        ),
        // Tails the log, turns events into Notificaties messages and delivers them; the built-in Notificaties API.
        .target(
            name: "Notifier",
            dependencies: [
                "EventStore", "Projections", "Domain", "ZGWHTTP",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings
        ),
        // Catalogi in Open Zaak's ZIP format: export of a catalogus or zaaktype, import with a report and a dry run.
        .target(
            name: "CatalogiExchange",
            dependencies: [
                "EventStore", "Projections", "Domain", "CommandAPI", "ZGWHTTP",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // Composition: configuration, embedded PostgreSQL, the HTTP application, CLI commands.
        .target(
            name: "ZaakstroomServer",
            dependencies: [
                "EventStore", "Projections", "ZGWHTTP", "CommandAPI", "QueryAPI", "Notifier", "EmbeddedPostgres", "Domain", "ContentStore", "LogArchive", "CatalogiExchange",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "zaakstroom",
            dependencies: ["ZaakstroomServer"],
            swiftSettings: swiftSettings
        ),
        // Test support: a throwaway PostgreSQL started once per test run, a fresh database per test.
        .target(
            name: "TestSupport",
            dependencies: [
                "EventStore", "EmbeddedPostgres",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Event-store throughput: appends at 1/8/32 writers, whole-log reads, verify. `make benchmark`.
        .executableTarget(
            name: "EventStoreBenchmark",
            dependencies: [
                "EventStore", "EmbeddedPostgres", "LogArchive",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/EventStoreBenchmark",
            swiftSettings: swiftSettings
        ),
        // Throughput of the streaming decoders and the filesystem content store (see Benchmarks/README.md).
        .executableTarget(
            name: "ContentStoreBenchmark",
            dependencies: ["ContentStore", .product(name: "NIOCore", package: "swift-nio")],
            path: "Benchmarks/ContentStoreBenchmark",
            swiftSettings: swiftSettings
        ),
        // What the server benchmarks share: the server in process on a private PostgreSQL, a ZGW client, a zaaktype seed.
        .target(
            name: "BenchmarkSupport",
            dependencies: [
                "ZaakstroomServer", "EmbeddedPostgres", "EventStore", "Projections", "CommandAPI", "ZGWHTTP", "Domain", "Notifier",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/BenchmarkSupport",
            swiftSettings: swiftSettings
        ),
        // Zaken API read latency (see Benchmarks/README.md).
        .executableTarget(
            name: "ZakenBenchmark",
            dependencies: [
                "BenchmarkSupport", "Domain", "Projections", "EventStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/ZakenBenchmark",
            swiftSettings: swiftSettings
        ),
        // Notifier commit-to-webhook delay and delivery throughput (see Benchmarks/README.md).
        .executableTarget(
            name: "NotifierBenchmark",
            dependencies: [
                "BenchmarkSupport", "EventStore", "Domain", "Notifier",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/NotifierBenchmark",
            swiftSettings: swiftSettings
        ),
        // Large documents through the real `zaakstroom serve` (a child process): bestandsdelen and base64 uploads,
        // streamed downloads, the server's resident set (see Benchmarks/README.md).
        .executableTarget(
            name: "DocumentenBenchmark",
            dependencies: [
                "BenchmarkSupport", "Domain",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Benchmarks/DocumentenBenchmark",
            swiftSettings: swiftSettings
        ),
        // The municipal-scale dataset (Open Zaak's performance-test shape) into a database `serve` then serves.
        .executableTarget(
            name: "DatasetGenerator",
            dependencies: [
                "BenchmarkSupport", "Domain", "Projections", "EventStore", "ZaakstroomServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/DatasetGenerator",
            swiftSettings: swiftSettings
        ),
        // The load scenarios of issue 11 against a running server (see Benchmarks/README.md).
        .executableTarget(
            name: "LoadBenchmark",
            dependencies: [
                "BenchmarkSupport", "Domain", "ZGWHTTP",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/LoadBenchmark",
            swiftSettings: swiftSettings
        ),
        // Checks JSON bodies against the component schemas of the official specs in ../shared/specs (tests only).
        .target(
            name: "SpecConformance",
            dependencies: [.product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ContentStoreTests",
            dependencies: ["ContentStore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EventStoreTests",
            dependencies: ["EventStore", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "ZaakstroomServer", "ZGWHTTP", "TestSupport", "EventStore", "Projections", "CommandAPI", "Domain", "EmbeddedPostgres", "SpecConformance", "Notifier", "ContentStore", "LogArchive", "CatalogiExchange",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
