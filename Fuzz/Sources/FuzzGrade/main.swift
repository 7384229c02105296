import Foundation
import SpineSimCLI

/// libFuzzer's driver (in the runtime that `-sanitize=fuzzer` links).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

/// The entry libFuzzer's own `main` calls, when the linker keeps that one.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzHarness.grade(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}

/// Loads the bundled cases before the first input, so their loading is not timed as one.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<Int32>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> Int32 {
    _ = FuzzHarness.library
    return 0
}

var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv

// libFuzzer drives this program: each input goes through `FuzzHarness.grade`, which the
// test suite also runs on every input kept in Fuzz/Regressions/FuzzGrade. (SwiftPM links its own
// entry point, so libFuzzer's driver is started from here rather than from its `main`.)
exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzOne))
