// swift-tools-version: 6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Throng",
    platforms: [.macOS(.v15)],
    products: [
        /// The embeddable library: network, events, readers, the crowding query library. No server, no NIO.
        .library(name: "Throng", targets: ["Throng"]),
        /// The command-line tool.
        .executable(name: "throng", targets: ["ThrongCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CZstd",
            pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"])]
        ),
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .target(name: "ThrongCore", swiftSettings: strict),
        .target(name: "ThrongIO", dependencies: ["ThrongCore", "CZstd"], swiftSettings: strict),
        .target(name: "ThrongSimulator", dependencies: ["ThrongCore", "ThrongIO"], swiftSettings: strict),
        .target(name: "ThrongStore", dependencies: ["ThrongCore", "CSQLite"], swiftSettings: strict),
        .target(name: "ThrongBatch", dependencies: ["ThrongCore", "ThrongIO"], swiftSettings: strict),
        .target(name: "ThrongEvaluation", dependencies: ["ThrongCore", "ThrongIO", "ThrongBatch", "ThrongSimulator"], swiftSettings: strict),
        .target(name: "ThrongQuery", dependencies: ["ThrongCore", "ThrongStore"], swiftSettings: strict),
        .target(name: "Throng", dependencies: ["ThrongCore", "ThrongIO", "ThrongQuery"], swiftSettings: strict),
        /// The live engine: feeds, incremental reconstruction, lock-free epochs. No NIO.
        .target(name: "ThrongLive", dependencies: ["ThrongCore", "ThrongIO", "ThrongBatch", "ThrongQuery", "ThrongStore"], swiftSettings: strict),
        /// HTML views (dashboard pages, the analyst report) built from the query library. No NIO.
        .target(
            name: "ThrongWeb", dependencies: ["ThrongCore", "ThrongQuery", "ThrongStore"],
            resources: [.embedInCode("Assets/throng.css"), .embedInCode("Assets/throng.js"), .embedInCode("Assets/dashboard.html")],
            swiftSettings: strict
        ),
        /// The HTTP API (Hummingbird): TfL-compatible crowding, /v1, operations, the dashboard.
        .target(
            name: "ThrongServer",
            dependencies: [
                "ThrongCore", "ThrongQuery", "ThrongLive", "ThrongWeb",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.embedInCode("OpenAPI/openapi.json")],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "ThrongCLI",
            dependencies: [
                "Throng", "ThrongBatch", "ThrongSimulator", "ThrongStore", "ThrongEvaluation", "ThrongLive",
                "ThrongServer", "ThrongWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "ThrongCoreTests", dependencies: ["ThrongCore"], swiftSettings: strict),
        .testTarget(name: "ThrongIOTests", dependencies: ["ThrongIO", "ThrongCore"], swiftSettings: strict),
        .testTarget(name: "ThrongBatchTests", dependencies: ["ThrongBatch", "ThrongIO", "ThrongCore"], swiftSettings: strict),
        .testTarget(
            name: "ThrongEvaluationTests",
            dependencies: ["ThrongEvaluation", "ThrongBatch", "ThrongSimulator", "ThrongIO", "ThrongCore"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ThrongQueryTests",
            dependencies: ["ThrongQuery", "ThrongStore", "ThrongBatch", "ThrongSimulator", "ThrongIO", "ThrongCore"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ThrongLiveTests",
            dependencies: ["ThrongLive", "ThrongBatch", "ThrongSimulator", "ThrongIO", "ThrongCore"],
            swiftSettings: strict
        ),
        .testTarget(name: "ThrongCLITests", dependencies: ["ThrongCLI"], swiftSettings: strict),
        .testTarget(
            name: "ThrongServerTests",
            dependencies: [
                "ThrongServer", "ThrongWeb", "ThrongQuery", "ThrongLive", "ThrongStore", "ThrongBatch", "ThrongSimulator", "ThrongIO", "ThrongCore",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "ThrongStoreTests", dependencies: ["ThrongStore", "ThrongCore"], swiftSettings: strict),
        .testTarget(
            name: "ThrongSimulatorTests",
            dependencies: ["ThrongSimulator", "ThrongIO", "ThrongCore"],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "ReaderBenchmarks",
            dependencies: [
                "ThrongCore", "ThrongIO",
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/ReaderBenchmarks",
            exclude: ["compare-zstd.sh"],
            swiftSettings: [.swiftLanguageMode(.v6)],
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "PipelineBenchmarks",
            dependencies: [
                "ThrongCore", "ThrongIO", "ThrongBatch", "ThrongSimulator",
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/PipelineBenchmarks",
            exclude: ["pilot.sh", "profile-stages.py"],
            swiftSettings: [.swiftLanguageMode(.v6)],
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "QueryBenchmarks",
            dependencies: [
                "ThrongCore", "ThrongIO", "ThrongStore", "ThrongQuery",
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/QueryBenchmarks",
            swiftSettings: [.swiftLanguageMode(.v6)],
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
