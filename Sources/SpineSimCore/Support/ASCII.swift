/// Byte-level helpers for the plain-ASCII fast paths of the command and transcript parsers.
///
/// Each fast path is taken only for ASCII text, where a byte is a Unicode scalar and (apart
/// from CR LF, which no caller splits) a `Character`, so byte-wise results equal the
/// `Character`-wise ones. Anything else goes the general way.
enum ASCII {
    /// The bytes Unicode calls white space within ASCII: tab, LF, VT, FF, CR and space.
    @inline(__always)
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    @inline(__always)
    static func isUppercase(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    @inline(__always)
    static func lowercased(_ byte: UInt8) -> UInt8 {
        isUppercase(byte) ? byte + 0x20 : byte
    }

    /// The bytes without leading and trailing ASCII white space.
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0, end = bytes.count
        while start < end, isWhitespace(bytes[start]) { start += 1 }
        while end > start, isWhitespace(bytes[end - 1]) { end -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    /// A string of the given ASCII bytes, lower-cased on the way.
    static func lowercasedString(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count) { buffer in
            for (i, byte) in bytes.enumerated() { buffer[i] = lowercased(byte) }
            return bytes.count
        }
    }
}

extension String {
    /// Whether the string is plain ASCII with no upper-case letter, so that `lowercased()`
    /// would return it unchanged.
    var isLowercaseASCII: Bool {
        utf8.allSatisfy { $0 < 0x80 && !ASCII.isUppercase($0) }
    }
}
