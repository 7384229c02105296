import Foundation
import SpineSimCore

/// A start-up cache file: a snapshot (`Snapshot`) of something loaded from source files,
/// kept with its key, the stamps of this program and of every file it was made from. It is
/// used only when the key matches exactly; any difference, a damaged or unreadable file, or
/// an unwritable cache folder means loading from the source files as before, so the cache
/// only ever costs the time it would have saved. `SPINESIM_CACHE=off` turns it off.
struct SnapshotCache: Sendable {
    let path: String

    /// The cache folder (`$XDG_CACHE_HOME/spinesim` or `~/.cache/spinesim`), or nil when the
    /// cache is off or there is no home folder to keep it in.
    static func folder(environment: [String: String]) -> String? {
        guard environment["SPINESIM_CACHE"] != "off" else { return nil }
        let base: String
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            base = xdg
        } else if let home = environment["HOME"], home.hasPrefix("/") {
            base = (home as NSString).appendingPathComponent(".cache")
        } else {
            return nil
        }
        return (base as NSString).appendingPathComponent("spinesim")
    }

    /// The cache file for the source at `source` (a file or folder) in `folder`'s `kind` subfolder.
    init(folder: String, kind: String, source: String) {
        path = (folder as NSString).appendingPathComponent("\(kind)/\(SHA256.hex(source).prefix(16)).snapshot")
    }

    /// What a snapshot must have been made from to be used: this program, `inputs` (each with
    /// its stamp; an absent file is part of the key as absent), and `extra` words.
    struct Key {
        var bytes: [UInt8]
        /// Whether every input was settled (`FileStamp.isSettled`): only then may a snapshot be saved.
        var settled: Bool
    }

    /// The key for `inputs` now; nil when the program cannot be stamped.
    static func key(kind: String, inputs: [String], extra: [String] = []) -> Key? {
        guard let program = programPath, let programStamp = FileStamp.of(program) else { return nil }
        var text = "spinesim \(kind) snapshot 1\n" + programStamp.fields.joined(separator: " ") + "\n"
        var settled = true
        for input in inputs {
            let stamp = FileStamp.of(input)
            if let stamp, !stamp.isSettled { settled = false }
            text += input + "\t" + (stamp?.fields.joined(separator: " ") ?? "absent") + "\n"
        }
        for word in extra { text += word + "\n" }
        return Key(bytes: Array(text.utf8), settled: settled)
    }

    /// The running program's file (its stamp changes when it is rebuilt).
    private static var programPath: String? {
        #if os(Linux)
        return "/proc/self/exe"
        #else
        return Bundle.main.executablePath
        #endif
    }

    /// The snapshot kept under `key`, or nil. A file damaged after it was written fails its
    /// checksum and is not read.
    func load(key: Key) -> [UInt8]? {
        guard let bytes = try? FileAccess.readBytes(path, limit: Limits.snapshotBytes, what: "a snapshot"), bytes.count >= 4 else { return nil }
        let keyLength = Self.number(bytes[0..<4])
        let start = 4 + keyLength + 8
        guard keyLength == key.bytes.count, bytes.count >= start, bytes[4..<4 + keyLength].elementsEqual(key.bytes) else { return nil }
        let snapshot = Array(bytes[start...])
        guard Self.number(bytes[(4 + keyLength)..<start]) == Int(truncatingIfNeeded: Self.checksum(snapshot)) else { return nil }
        return snapshot
    }

    /// Keeps `snapshot` under `key`, replacing the file whole (see `FileAccess.replace`); not
    /// when an input was written in the last two seconds (it could change again unseen).
    /// The file: the key's length (4 bytes), the key, the snapshot's checksum (8 bytes), the snapshot.
    func save(_ snapshot: @autoclosure () -> [UInt8], key: Key) {
        guard key.settled else { return }
        let snapshot = snapshot()
        let checksum = Self.checksum(snapshot)
        var bytes = (0..<4).map { UInt8(truncatingIfNeeded: key.bytes.count >> (8 * $0)) } + key.bytes
        bytes += (0..<8).map { UInt8(truncatingIfNeeded: checksum >> (8 * UInt64($0))) }
        FileAccess.replace(path, with: bytes + snapshot)
    }

    /// A little-endian number.
    private static func number(_ bytes: ArraySlice<UInt8>) -> Int {
        bytes.enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
    }

    /// FNV-1a: cheap, and enough to tell a damaged file from the one written.
    static func checksum(_ bytes: [UInt8]) -> UInt64 {
        bytes.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01b3 }
    }
}
