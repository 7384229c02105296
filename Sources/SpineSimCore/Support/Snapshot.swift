/// A compact binary form of loaded data, for the start-up cache: a catalogue parsed and
/// checked once is read back in about a millisecond instead of parsing its YAML again.
/// Pure: bytes in, bytes out; the CLI decides where they are kept.
///
/// A type writes its parts in a fixed order and reads them back in the same order (see
/// `Snapshottable`); there are no field names or tags, so a snapshot is only ever read by the
/// build that wrote it. It is a cache, never an exchange format: the caller keys it by the
/// program and the input files that produced it, and parses the files when it does not match.
public enum Snapshot {
    /// The bytes do not read back as a value of the type asked for: they are damaged or were
    /// written by another build. The caller should load from the source files instead.
    public struct Damaged: Error, Sendable, Equatable, CustomStringConvertible {
        public var offset: Int
        public var problem: String
        public var description: String { "snapshot damaged at byte \(offset): \(problem)" }
    }

    /// The bytes of a value.
    public static func encode<T: Snapshottable>(_ value: T) -> [UInt8] {
        var writer = SnapshotWriter()
        value.write(to: &writer)
        return writer.bytes
    }

    /// A value read back from `encode`'s bytes, all of them.
    public static func decode<T: Snapshottable>(_ type: T.Type, from bytes: [UInt8]) throws(Damaged) -> T {
        var reader = SnapshotReader(bytes: bytes)
        let value = try T(from: &reader)
        guard reader.offset == bytes.count else { throw Damaged(offset: reader.offset, problem: "bytes left over") }
        return value
    }
}

/// A value that can be written to and read back from a snapshot: `write` writes its parts in
/// order, `init(from:)` reads them in the same order.
public protocol Snapshottable {
    func write(to writer: inout SnapshotWriter)
    init(from reader: inout SnapshotReader) throws(Snapshot.Damaged)
}

/// Collects a snapshot's bytes.
public struct SnapshotWriter {
    public private(set) var bytes: [UInt8] = []

    /// Writes each value in turn.
    public mutating func write<each T: Snapshottable>(_ values: repeat each T) {
        for value in repeat each values { value.write(to: &self) }
    }

    mutating func varint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    mutating func byte(_ value: UInt8) { bytes.append(value) }

    mutating func raw(_ values: some Sequence<UInt8>) { bytes.append(contentsOf: values) }
}

/// Reads a snapshot's bytes in the order they were written, checking every length.
public struct SnapshotReader {
    let bytes: [UInt8]
    public private(set) var offset = 0

    /// How deeply values that contain their own kind (a staged result's stages) may nest.
    static let depthLimit = 32
    /// Room reserved ahead for a list, whatever count a damaged snapshot claims.
    static let reserveLimit = 4096
    /// How deeply the value being read is nested in values of its own kind.
    var depth = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    /// Reads a value that may contain values of its own kind, refusing nesting past `depthLimit`
    /// (a damaged snapshot could otherwise recurse until the stack runs out).
    public mutating func nested<T>(_ read: (inout SnapshotReader) throws(Snapshot.Damaged) -> T) throws(Snapshot.Damaged) -> T {
        guard depth < Self.depthLimit else { throw damaged("nested more than \(Self.depthLimit) deep") }
        depth += 1
        defer { depth -= 1 }
        return try read(&self)
    }

    /// The next value, of the type the context asks for.
    public mutating func read<T: Snapshottable>() throws(Snapshot.Damaged) -> T { try T(from: &self) }

    func damaged(_ problem: String) -> Snapshot.Damaged { Snapshot.Damaged(offset: offset, problem: problem) }

    mutating func byte() throws(Snapshot.Damaged) -> UInt8 {
        guard offset < bytes.count else { throw damaged("ends early") }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func varint() throws(Snapshot.Damaged) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while shift < 64 {
            let next = try byte()
            value |= UInt64(next & 0x7F) << shift
            if next < 0x80 { return value }
            shift += 7
        }
        throw damaged("a number too long")
    }

    /// A count of things still to come, each taking at least a byte.
    mutating func count() throws(Snapshot.Damaged) -> Int {
        let value = try varint()
        guard value <= UInt64(bytes.count - offset) else { throw damaged("a count of \(value) past the end") }
        return Int(value)
    }

    mutating func raw(_ count: Int) throws(Snapshot.Damaged) -> ArraySlice<UInt8> {
        guard count <= bytes.count - offset else { throw damaged("ends early") }
        defer { offset += count }
        return bytes[offset..<offset + count]
    }
}

// MARK: Standard types

extension Int: Snapshottable {
    public func write(to writer: inout SnapshotWriter) {
        // Zigzag: small negative numbers stay short.
        writer.varint(UInt64(bitPattern: Int64(self << 1) ^ Int64(self >> 63)))
    }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        let raw = try reader.varint()
        self = Int(truncatingIfNeeded: Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1))
    }
}

extension Double: Snapshottable {
    public func write(to writer: inout SnapshotWriter) {
        withUnsafeBytes(of: bitPattern.littleEndian) { writer.raw($0) }
    }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        let raw = try reader.raw(8)
        self = Double(bitPattern: raw.reversed().reduce(0) { $0 << 8 | UInt64($1) })
    }
}

extension Bool: Snapshottable {
    public func write(to writer: inout SnapshotWriter) { writer.byte(self ? 1 : 0) }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        switch try reader.byte() {
        case 0: self = false
        case 1: self = true
        default: throw reader.damaged("not a flag")
        }
    }
}

extension String: Snapshottable {
    public func write(to writer: inout SnapshotWriter) {
        writer.varint(UInt64(utf8.count))
        writer.raw(utf8)
    }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        let count = try reader.count()
        self = String(decoding: try reader.raw(count), as: UTF8.self)
    }
}

extension Optional: Snapshottable where Wrapped: Snapshottable {
    public func write(to writer: inout SnapshotWriter) {
        if let value = self {
            writer.byte(1)
            value.write(to: &writer)
        } else {
            writer.byte(0)
        }
    }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        self = try Bool(from: &reader) ? try Wrapped(from: &reader) : nil
    }
}

extension Array: Snapshottable where Element: Snapshottable {
    public func write(to writer: inout SnapshotWriter) {
        writer.varint(UInt64(count))
        for element in self { element.write(to: &writer) }
    }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        let count = try reader.count()
        self = []
        reserveCapacity(Swift.min(count, SnapshotReader.reserveLimit))
        for _ in 0..<count { append(try Element(from: &reader)) }
    }
}

// Sets and dictionaries are written in the order of their elements' (keys') bytes, not in
// hash order, so that one value always gives the same bytes.
extension Set: Snapshottable where Element: Snapshottable {
    public func write(to writer: inout SnapshotWriter) {
        writer.varint(UInt64(count))
        for bytes in map({ Snapshot.encode($0) }).sorted(by: { $0.lexicographicallyPrecedes($1) }) { writer.raw(bytes) }
    }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) { self = Set(try [Element](from: &reader)) }
}

extension Dictionary: Snapshottable where Key: Snapshottable, Value: Snapshottable {
    public func write(to writer: inout SnapshotWriter) {
        writer.varint(UInt64(count))
        for (key, value) in map({ (Snapshot.encode($0.key), $0.value) }).sorted(by: { $0.0.lexicographicallyPrecedes($1.0) }) {
            writer.raw(key)
            value.write(to: &writer)
        }
    }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        let count = try reader.count()
        self = [:]
        reserveCapacity(Swift.min(count, SnapshotReader.reserveLimit))
        for _ in 0..<count {
            let key = try Key(from: &reader)
            self[key] = try Value(from: &reader)
        }
    }
}

extension ClosedRange: Snapshottable where Bound: Snapshottable {
    public func write(to writer: inout SnapshotWriter) { writer.write(lowerBound, upperBound) }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        let lower = try Bound(from: &reader), upper = try Bound(from: &reader)
        guard lower <= upper else { throw reader.damaged("a range ending before it starts") }
        self = lower...upper
    }
}

/// A string-valued enumeration is written as its raw value.
extension Snapshottable where Self: RawRepresentable, RawValue == String {
    public func write(to writer: inout SnapshotWriter) { rawValue.write(to: &writer) }

    public init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
        let raw = try String(from: &reader)
        guard let value = Self(rawValue: raw) else { throw reader.damaged("'\(raw)' is not a \(Self.self)") }
        self = value
    }
}
