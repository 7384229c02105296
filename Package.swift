// swift-tools-version: 6.1
import PackageDescription

// Every target: a file sees only the members of the modules it imports itself, so the build
// checks what each module may use (the core does not get Foundation through Yams).
let strict: [SwiftSetting] = [.enableUpcomingFeature("MemberImportVisibility")]

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
            dependencies: [.product(name: "Yams", package: "Yams")],
            swiftSettings: strict
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
            dependencies: ["CLibEdit"],
            swiftSettings: strict
        ),
        // The command-line shell: subcommands, file I/O, the REPL loop.
        .target(
            name: "SpineSimCLI",
            dependencies: [
                "SpineSimCore",
                "SpineSimTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "spinesim",
            dependencies: ["SpineSimCLI"],
            swiftSettings: strict
        ),
        // Prints grading throughput and peak memory: swift run -c release spinesim-bench
        .executableTarget(
            name: "spinesim-bench",
            dependencies: ["SpineSimCLI", "SpineSimCore"],
            path: "Benchmarks/spinesim-bench",
            swiftSettings: strict
        ),
        .testTarget(name: "SpineSimCoreTests", dependencies: ["SpineSimCore"], swiftSettings: strict),
        .testTarget(name: "SpineSimCLITests", dependencies: ["SpineSimCLI", "SpineSimCore"], exclude: ["Golden"], swiftSettings: strict),
        .testTarget(name: "SpineSimTerminalTests", dependencies: ["SpineSimTerminal"], swiftSettings: strict),
    ],
    swiftLanguageModes: [.v6]
)
