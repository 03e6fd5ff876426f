// swift-tools-version:6.0
import PackageDescription

/// How the program links on Linux, for its resident memory (issue 5's idle goal), measured with `okx-anchor bench`:
/// - LLD instead of gold, for the two options below (gold has neither) and a quicker link;
/// - `-z pack-relative-relocs`: the dynamic loader applies the program's 115,000 relative relocations (pointers in
///   Swift metadata) from a 22 KB RELR table instead of a 2.7 MB RELA one, which it read in full at every start
///   and which then stayed resident (needs glibc 2.36, Debian 12's);
/// - `--no-export-dynamic`: the static Swift runtime's link options export every symbol of the program (34,000,
///   2 MB of symbol tables touched by the loader's lookups); nothing looks our symbols up by name, so only what the
///   shared libraries need is exported.
/// Together about 5 MB less resident, the same CPU.
let residentMemoryLinkerSettings: [LinkerSetting] = [
    .unsafeFlags(
        ["-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs", "-Xlinker", "--no-export-dynamic"],
        .when(platforms: [.linux]))
]

let package = Package(
    name: "okx-anchor",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "okx-anchor", targets: ["okx-anchor"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // Used directly by the paper exchange's HTTP front (they also come with Hummingbird).
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // C libraries, each behind a module map and a shim of static inline wrappers.
        .systemLibrary(name: "CCurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CNcurses", providers: [.apt(["libncurses-dev"])]),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),

        .target(
            name: "OKX",
            dependencies: [
                "CCurl", "CCrypto",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "PaperExchange",
            dependencies: [
                "OKX",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "AnchorStore",
            dependencies: [
                "OKX",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "AnchorCore",
            dependencies: [
                "OKX", "AnchorStore",
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "AnchorTUI",
            dependencies: [
                "AnchorCore", "AnchorStore", "OKX", "CNcurses",
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        // The paper exchange's accounts as config entries: the demo fleet of `--demo`, `sim`, the benchmarks and
        // the tests.
        .target(
            name: "AnchorDemo",
            dependencies: ["OKX", "PaperExchange", "AnchorCore"]
        ),
        // A raw HTTP/1.1 client of the paper exchange with signed requests, for its tests and throughput benchmark.
        .target(
            name: "LoopbackClient",
            dependencies: ["OKX", "PaperExchange"]
        ),
        .target(
            name: "AnchorBench",
            dependencies: [
                "OKX", "PaperExchange", "AnchorCore", "AnchorStore", "AnchorTUI", "AnchorDemo", "LoopbackClient",
            ]
        ),
        .executableTarget(
            name: "okx-anchor",
            dependencies: [
                "OKX", "PaperExchange", "AnchorCore", "AnchorStore", "AnchorTUI", "AnchorDemo", "AnchorBench",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            linkerSettings: residentMemoryLinkerSettings
        ),

        // Fakes and fixtures shared by the test targets.
        .target(
            name: "TestSupport",
            dependencies: ["OKX", "PaperExchange", "AnchorCore", "AnchorStore", "AnchorDemo"],
            path: "Tests/TestSupport"
        ),
        .testTarget(name: "OKXTests", dependencies: ["OKX", "TestSupport"]),
        .testTarget(
            name: "PaperExchangeTests", dependencies: ["PaperExchange", "OKX", "LoopbackClient", "TestSupport"]),
        .testTarget(name: "AnchorStoreTests", dependencies: ["AnchorStore", "TestSupport"]),
        .testTarget(
            name: "AnchorCoreTests",
            dependencies: [
                "AnchorCore", "OKX", "PaperExchange", "AnchorStore", "TestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        .testTarget(
            name: "AnchorTUITests",
            dependencies: ["AnchorTUI", "AnchorCore", "AnchorStore", "AnchorBench", "OKX", "TestSupport"],
            exclude: ["Golden"]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "OKX", "PaperExchange", "AnchorCore", "AnchorStore", "AnchorBench", "AnchorDemo", "TestSupport",
            ],
            exclude: ["Golden"]),
    ]
)

// The same language settings on every Swift target, as swift-log does.
for target in package.targets where target.type != .system {
    target.swiftSettings =
        (target.swiftSettings ?? []) + [
            .enableUpcomingFeature("ExistentialAny"),
            .enableUpcomingFeature("MemberImportVisibility"),
            .enableUpcomingFeature("InternalImportsByDefault"),
        ]
}
