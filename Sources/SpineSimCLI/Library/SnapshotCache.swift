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
        return CaseIndexCache.folder(environment: environment)
    }

    /// The cache file for the source at `source` (a file or folder) in `folder`'s `kind` subfolder.
    init(folder: String, kind: String, source: String) {
        path = (folder as NSString).appendingPathComponent("\(kind)/\(SHA256.hex(source).prefix(16)).snapshot")
    }

    /// What a snapshot must have been made from to be used: this program, `inputs` (each with
    /// its stamp; an absent file is part of the key as absent), and `extra` words.
    struct Key {
        var bytes: [UInt8]
        /// Whether every input was settled (`Stamp.isSettled`): only then may a snapshot be saved.
        var settled: Bool
    }

    /// The key for `inputs` now; nil when the program cannot be stamped.
    static func key(kind: String, inputs: [String], extra: [String] = []) -> Key? {
        guard let program = programPath, let programStamp = CaseIndexCache.stamp(program) else { return nil }
        var text = "spinesim \(kind) snapshot 1\n" + programStamp.fields.joined(separator: " ") + "\n"
        var settled = true
        for input in inputs {
            let stamp = CaseIndexCache.stamp(input)
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

    /// The snapshot kept under `key`, or nil.
    func load(key: Key) -> [UInt8]? {
        let key = key.bytes
        guard let bytes = try? FileAccess.readBytes(path, limit: Limits.snapshotBytes, what: "a snapshot"), bytes.count >= 4 else { return nil }
        let keyLength = bytes[0..<4].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        guard keyLength == key.count, bytes.count >= 4 + keyLength, bytes[4..<4 + keyLength].elementsEqual(key) else { return nil }
        return Array(bytes[(4 + keyLength)...])
    }

    /// Keeps `snapshot` under `key`, replacing the file whole (see `FileAccess.replace`); not
    /// when an input was written in the last two seconds (it could change again unseen).
    func save(_ snapshot: @autoclosure () -> [UInt8], key: Key) {
        guard key.settled else { return }
        let key = key.bytes
        let length = (0..<4).map { UInt8(truncatingIfNeeded: key.count >> (8 * $0)) }
        FileAccess.replace(path, with: length + key + snapshot())
    }
}
