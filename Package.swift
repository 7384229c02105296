// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "SpineSim",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "spinesim", targets: ["spinesim"]),
        .library(name: "SpineSimCore", targets: ["SpineSimCore"]),
        // For the fuzz targets in Fuzz/ (a package of their own).
        .library(name: "SpineSimCLI", targets: ["SpineSimCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // Pure core: scenario model and loading, catalogue, command parser,
        // simulation and grader. No terminal, file or clock access.
        .target(
            name: "SpineSimCore",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        // libedit, the system line-editing library (Debian: libedit-dev).
        .systemLibrary(
            name: "CLibEdit",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        // Terminal shell: line editor, completion plumbing, history, signals.
        .target(
            name: "SpineSimTerminal",
            dependencies: ["CLibEdit"]
        ),
        // The command-line shell: subcommands, file I/O, the REPL loop.
        .target(
            name: "SpineSimCLI",
            dependencies: [
                "SpineSimCore",
                "SpineSimTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "spinesim",
            dependencies: ["SpineSimCLI"]
        ),
        // Prints grading throughput and peak memory: swift run -c release spinesim-bench
        .executableTarget(
            name: "spinesim-bench",
            dependencies: ["SpineSimCLI", "SpineSimCore"],
            path: "Benchmarks/spinesim-bench"
        ),
        .testTarget(name: "SpineSimCoreTests", dependencies: ["SpineSimCore"]),
        .testTarget(name: "SpineSimCLITests", dependencies: ["SpineSimCLI", "SpineSimCore"], exclude: ["Golden"]),
        .testTarget(name: "SpineSimTerminalTests", dependencies: ["SpineSimTerminal"]),
    ],
    swiftLanguageModes: [.v6]
)
