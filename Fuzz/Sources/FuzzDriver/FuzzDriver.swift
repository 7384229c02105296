import Foundation
import SpineSimCLI

/// libFuzzer's driver (in the runtime that `-sanitize=fuzzer` links).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

/// The harness entry this program fuzzes; set once by `runFuzzer` before the driver starts.
nonisolated(unsafe) private var harness: ([UInt8]) -> Void = { _ in }

/// The entry libFuzzer's own `main` calls, when the linker keeps that one.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    harness(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}

/// Loads the bundled cases before the first input, so their loading is not timed as one.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<Int32>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> Int32 {
    _ = FuzzHarness.library
    return 0
}

/// Starts libFuzzer's driver on `entry`, one `FuzzHarness` function, and exits with its status.
/// SwiftPM links its own entry point, so the driver is started from here rather than from
/// libFuzzer's `main`. The test suite runs the same harness entry on every input kept in
/// Fuzz/Regressions/<target>.
public func runFuzzer(_ entry: @escaping ([UInt8]) -> Void) -> Never {
    harness = entry
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzOne))
}
