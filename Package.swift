// swift-tools-version: 6.1
import Foundation
import PackageDescription

// Layers point one way only:
// WatopCore (no I/O) ← WatopServer (SwiftNIO) ← WatopUI (pure renderer) ← WatopTerminal (ncurses) ← watop (CLI).
// WatopTransport (TLS, the HTTP client to the app) fills the listener's hooks for the CLI
// alone: its heavy libraries stay out of the tests' sanitizer builds, where they add nothing.
// WatopHistory keeps the accepted events in a database, following the journal (WatopServer);
// WatopPostgres is its PostgreSQL form, for the CLI alone, as WatopTransport.

/// Sanitizer builds (scripts/test.sh sets WATOP_SANITIZER_BUILD) leave out the command's tests
/// and PostgreSQL's: they need the whole CLI, whose HTTP client, TLS and PostgreSQL libraries add
/// minutes to each sanitizer build while none of their code runs in those tests.
let sanitizerBuild = ProcessInfo.processInfo.environment["WATOP_SANITIZER_BUILD"] != nil

/// SwiftNIO's HTTP/1 server and client stack: every target that opens sockets takes all three.
let nioHTTP: [Target.Dependency] = [
    .product(name: "NIOCore", package: "swift-nio"),
    .product(name: "NIOPosix", package: "swift-nio"),
    .product(name: "NIOHTTP1", package: "swift-nio"),
]

let package = Package(
    name: "watop",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "watop", targets: ["watop"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        // HMAC-SHA256 (Meta) and HMAC-SHA1 (Twilio) webhook signatures.
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        // The Prometheus text exposition of GET /metrics.
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        // Forwarding to the app: a pooled HTTP/1.1 client with TLS.
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        // HTTPS for the listener and for the app.
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        // The history database (`--store`): SQLite, Debian's libsqlite3-dev.
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // The history of a fleet of receivers (`--store postgres://…`).
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        .target(
            name: "WatopCore",
            dependencies: [
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ]
        ),
        .target(
            name: "WatopServer",
            dependencies: [
                "WatopCore",
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ] + nioHTTP + [
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .target(
            name: "WatopTransport",
            dependencies: [
                "WatopServer",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ] + nioHTTP
        ),
        .target(
            name: "WatopHistory",
            dependencies: [
                "WatopCore", "WatopServer", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "WatopPostgres",
            dependencies: [
                "WatopCore", "WatopHistory", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .target(name: "WatopUI", dependencies: ["WatopCore"]),
        .target(
            name: "WatopThemes",
            dependencies: ["WatopUI", .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        .target(
            name: "WatopSimulator",
            dependencies: [
                "WatopCore",
                .product(name: "HeapModule", package: "swift-collections"),
            ] + nioHTTP
        ),
        // Debian's libncurses-dev. No `pkgConfig: "ncursesw"`: its cflags are only -D flags,
        // which SwiftPM refuses with a warning on every build; shim.h sets the one that matters.
        .systemLibrary(name: "CNcurses", providers: [.apt(["libncurses-dev"])]),
        .target(
            name: "WatopTerminal",
            dependencies: ["WatopUI", "CNcurses", .product(name: "NIOConcurrencyHelpers", package: "swift-nio")]
        ),
        .executableTarget(
            name: "watop",
            dependencies: [
                "WatopCore",
                "WatopServer",
                "WatopTransport",
                "WatopHistory",
                "WatopPostgres",
                "WatopUI",
                "WatopTerminal",
                "WatopSimulator",
                "WatopThemes",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Micro benchmarks: `swift run -c release watop-benchmarks`.
        .executableTarget(
            name: "watop-benchmarks",
            dependencies: ["WatopCore", "WatopServer", "WatopTransport", "WatopUI", "WatopHistory", "WatopPostgres"] + nioHTTP,
            path: "Benchmarks/WatopBenchmarks"
        ),
        // The bare SwiftNIO HTTP/1 server `scripts/bench.sh` measures beside nginx and watop.
        .executableTarget(
            name: "watop-nio-reference",
            dependencies: ["WatopServer"] + nioHTTP,
            path: "Benchmarks/NIOReference"
        ),
        .testTarget(name: "WatopCoreTests", dependencies: ["WatopCore"]),
        .testTarget(name: "WatopUITests", dependencies: ["WatopUI"], resources: [.copy("Golden")]),
        .testTarget(name: "WatopThemesTests", dependencies: ["WatopThemes"]),
        .testTarget(name: "WatopSimulatorTests", dependencies: ["WatopSimulator", "WatopServer"]),
        .testTarget(
            name: "WatopHistoryTests",
            dependencies: [
                "WatopHistory", "WatopServer", "WatopCore", "WatopSimulator",
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "WatopServerTests",
            dependencies: [
                "WatopServer",
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ] + nioHTTP
        ),
    ],
    swiftLanguageModes: [.v6]
)

if !sanitizerBuild {
    package.targets += [
        .testTarget(name: "WatopCommandTests", dependencies: ["watop"]),
        .testTarget(name: "WatopPostgresTests", dependencies: ["WatopPostgres", "WatopHistory"]),
    ]
}
