// swift-tools-version: 6.0
// Fuzz targets for SpineSim, built by Fuzz/build.sh with libFuzzer and AddressSanitizer:
//   swift build --package-path Fuzz --scratch-path .build-fuzz -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld
// Each target starts libFuzzer's driver (FuzzDriver.runFuzzer) on one FuzzHarness entry.
import PackageDescription

let targets = ["FuzzCommandParser", "FuzzTranscript", "FuzzGrade", "FuzzScenario", "FuzzCatalogue", "FuzzLadder", "FuzzBaseline", "FuzzSnapshot"]

let package = Package(
    name: "SpineSimFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "SpineSim", path: "..")],
    targets: [
        // The libFuzzer entry points and driver start, shared by every target.
        .target(name: "FuzzDriver", dependencies: [.product(name: "SpineSimCLI", package: "SpineSim")], path: "Sources/FuzzDriver"),
    ] + targets.map { name in
        .executableTarget(
            name: name,
            dependencies: [
                "FuzzDriver",
                .product(name: "SpineSimCLI", package: "SpineSim"),
            ],
            path: "Sources/\(name)"
        )
    },
    swiftLanguageModes: [.v6]
)
