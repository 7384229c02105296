import SpineSimCore

/// Each input is a whole transcript file: the byte reader and the string reader must agree.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTranscript(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let parsed = Transcript.parse(text)
    _ = parsed.seed
    for line in parsed.lines where line.number < 1 || line.text.isEmpty { fatalError("bad line \(line)") }
    return 0
}
