// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "loket",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "loket", targets: ["loket"]),
        // The raw SwiftNIO floor benchmarks/run.sh measures cached answers against.
        .executable(name: "nio-floor", targets: ["NIOFloor"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-distributed-tracing.git", from: "1.7.3"),
        // Traces over OTLP/HTTP only: the gRPC exporter would bring a second HTTP/2 stack.
        .package(url: "https://github.com/swift-otel/swift-otel.git", from: "1.6.0", traits: ["OTLPHTTP"]),
    ],
    targets: [
        // The centre: desks, calendar, capacity and booking rules. No I/O, no clock.
        .target(name: "LoketDomain"),
        // Catching misspelt keys in YAML data files, which Codable would silently ignore.
        .target(name: "LoketYAML", dependencies: [.product(name: "Yams", package: "Yams")]),
        // Reading the desk network and settings from YAML data files.
        .target(
            name: "LoketConfig",
            dependencies: ["LoketDomain", "LoketYAML", .product(name: "Yams", package: "Yams")],
            resources: [.copy("Resources/desk-network.yaml"), .copy("Resources/biometrics-policy.yaml")]
        ),
        // SQLite (embedded) and PostgreSQL storage behind one set of SQLKit queries.
        .target(
            name: "LoketStorage",
            dependencies: [
                "LoketDomain",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ]
        ),
        // Customer messages: the outbox dispatcher, MIME, SMTP, calendar invites.
        .target(
            name: "LoketNotifications",
            dependencies: [
                "LoketDomain", "LoketStorage",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The application layer: one method per use case, the only way each use case happens,
        // whichever channel asks. Metrics, cache invalidation, outbox and waitlist matcher here.
        .target(
            name: "LoketApp",
            dependencies: [
                "LoketDomain", "LoketStorage", "LoketConfig", "LoketNotifications", "LoketSimulation",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ]
        ),
        // What both HTTP channels share: the request context with the client's address, the
        // server's connection limits, and answers made once and sent to many (gzip, ETag).
        .target(
            name: "LoketServer",
            dependencies: [
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
            ]
        ),
        // The JSON API, the planner-compatible API, the partner API, OpenAPI, health and metrics.
        .target(
            name: "LoketHTTP",
            dependencies: [
                "LoketDomain", "LoketApp", "LoketServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Resources/openapi.json")]
        ),
        // The web pages for people: customers book and manage appointments, staff run the desk
        // day. Templates and the style sheet are under Resources/; every use case is a call to
        // the same application layer as the API's. The forecast pages draw LoketSimulation's results.
        .target(
            name: "LoketWeb",
            dependencies: [
                "LoketDomain", "LoketApp", "LoketServer", "LoketSimulation",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [.copy("Resources/templates"), .copy("Resources/static"), .copy("Resources/texts")]
        ),
        // The forecast: a discrete-event core, the desk-day queue, the appointment backlog,
        // the information line, Monte Carlo. Depends on the domain only.
        .target(
            name: "LoketSimulation",
            dependencies: [
                "LoketDomain", "LoketYAML",
                .product(name: "Yams", package: "Yams"),
            ],
            // Optimised even in debug builds: the validation tests simulate millions of customers.
            swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]
        ),
        .executableTarget(
            name: "loket",
            dependencies: [
                "LoketDomain", "LoketConfig", "LoketStorage", "LoketApp", "LoketHTTP", "LoketWeb", "LoketSimulation",
                "LoketNotifications", "LoketServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "OTel", package: "swift-otel"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ]
        ),
        // Not Loket: the floor of a SwiftNIO HTTP server, for benchmarks/run.sh.
        .executableTarget(
            name: "NIOFloor",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "benchmarks/NIOFloor"
        ),
        // Fixtures shared by the test targets: a small desk network, a manual clock, fresh databases.
        .target(
            name: "LoketTestSupport",
            dependencies: [
                "LoketDomain", "LoketConfig", "LoketStorage", .product(name: "Logging", package: "swift-log"),
                .product(name: "SQLKit", package: "sql-kit"),
            ]
        ),
        .testTarget(name: "LoketSimulationTests", dependencies: ["LoketSimulation", "LoketDomain"]),
        .testTarget(
            name: "LoketNotificationsTests",
            dependencies: [
                "LoketNotifications", "LoketDomain", "LoketApp", "LoketStorage", "LoketTestSupport",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .testTarget(
            name: "LoketWebTests",
            dependencies: [
                "LoketWeb", "LoketApp", "LoketDomain", "LoketSimulation",
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .testTarget(name: "LoketDomainTests", dependencies: ["LoketDomain", "LoketConfig", "LoketTestSupport"]),
        .testTarget(
            name: "LoketAppTests",
            dependencies: [
                "LoketApp", "LoketDomain", "LoketStorage", "LoketNotifications", "LoketTestSupport",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "InMemoryTracing", package: "swift-distributed-tracing"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ]
        ),
        .testTarget(
            name: "LoketStorageTests",
            dependencies: [
                "LoketDomain", "LoketConfig", "LoketStorage", "LoketTestSupport",
                .product(name: "SQLKit", package: "sql-kit"), .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "LoketHTTPTests",
            dependencies: [
                "LoketDomain", "LoketConfig", "LoketStorage", "LoketApp", "LoketHTTP", "LoketWeb", "LoketTestSupport",
                "LoketServer", "LoketNotifications", "LoketSimulation",
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "SQLKit", package: "sql-kit"),
            ]
        ),
    ]
)
