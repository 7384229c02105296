import Foundation
import SpineSimCore

/// The case index kept between runs in one file under `$XDG_CACHE_HOME/spinesim` (or
/// `~/.cache/spinesim`), so that listing hundreds of cases reads one file and looks at each
/// case file's stamp instead of reading them all. A case file whose stamp (size, inode, and
/// modification and change times to the nanosecond) differs from the cached one is read afresh;
/// the change time moves whenever a file is written or replaced, and cannot be set back.
/// A missing, unreadable, corrupt or unwritable cache only costs the time it would have saved.
public struct CaseIndexCache: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    /// The user's cache file, or nil when there is no home folder to put it in.
    public static func user(environment: [String: String] = ProcessInfo.processInfo.environment) -> CaseIndexCache? {
        let base: String
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            base = xdg
        } else if let home = environment["HOME"], home.hasPrefix("/") {
            base = (home as NSString).appendingPathComponent(".cache")
        } else {
            return nil
        }
        return CaseIndexCache(path: (base as NSString).appendingPathComponent("spinesim/case-index.tsv"))
    }

    /// A file's identity for the cache: its size, inode, and modification and change times in nanoseconds.
    struct Stamp: Equatable {
        var size: Int64
        var inode: Int64
        var modified: Int64
        var changed: Int64

        var fields: [String] { [String(size), String(inode), String(modified), String(changed)] }

        init(size: Int64, inode: Int64, modified: Int64, changed: Int64) {
            (self.size, self.inode, self.modified, self.changed) = (size, inode, modified, changed)
        }

        init?(fields: ArraySlice<String>) {
            let n = fields.compactMap { Int64($0) }
            guard n.count == 4 else { return nil }
            self.init(size: n[0], inode: n[1], modified: n[2], changed: n[3])
        }
    }

    static func stamp(_ file: String) -> Stamp? {
        var status = stat()
        guard stat(file, &status) == 0 else { return nil }
        #if canImport(Darwin)
        let (modified, changed) = (status.st_mtimespec, status.st_ctimespec)
        #else
        let (modified, changed) = (status.st_mtim, status.st_ctim)
        #endif
        func ns(_ t: timespec) -> Int64 { Int64(t.tv_sec) * 1_000_000_000 + Int64(t.tv_nsec) }
        return Stamp(size: Int64(status.st_size), inode: Int64(truncatingIfNeeded: status.st_ino),
                     modified: ns(modified), changed: ns(changed))
    }

    static let version = "spinesim case index 2"

    /// The cached entries by path, with the stamp each was read at; empty when the cache is
    /// missing or not in this version's format.
    func load() -> [String: (Stamp, CaseIndex.Entry)] {
        guard let text = try? FileAccess.readText(path) else { return [:] }
        // Split on bytes: splitting by characters took most of the time the cache saves.
        var lines = text.utf8.split(separator: UInt8(ascii: "\n"))[...]
        guard let first = lines.first, Substring(first) == Self.version else { return [:] }
        lines = lines.dropFirst()
        var out: [String: (Stamp, CaseIndex.Entry)] = [:]
        for line in lines {
            let f = line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false).map { String(Substring($0)) }
            guard f.count == 10, let stamp = Stamp(fields: f[1...4]), !f[5].isEmpty else { continue }
            let entry = CaseIndex.Entry(path: f[0], id: f[5], title: f[6], setting: Setting(rawValue: f[7]),
                                        difficulty: Difficulty(rawValue: f[8]),
                                        tags: f[9].isEmpty ? [] : f[9].split(separator: ",").map(String.init),
                                        opaqueReference: Scenario.opaqueReference(for: f[5]), problem: nil)
            out[f[0]] = (stamp, entry)
        }
        return out
    }

    /// Writes the entries (those read without a problem, whose fields fit the format) to a
    /// new file and renames it over the cache; any failure leaves the cache as it was.
    func save(_ entries: [(Stamp, CaseIndex.Entry)]) {
        var text = Self.version + "\n"
        for (stamp, e) in entries where e.problem == nil {
            let fields = [e.path] + stamp.fields + [e.id, e.title,
                          e.setting?.rawValue ?? "", e.difficulty?.rawValue ?? "", e.tags.joined(separator: ",")]
            guard !fields.contains(where: { $0.contains("\t") || $0.contains("\n") || $0.contains("\r") }),
                  !e.tags.contains(where: { $0.contains(",") || $0.isEmpty }) else { continue }
            text += fields.joined(separator: "\t") + "\n"
        }
        let folder = (path as NSString).deletingLastPathComponent
        let temporary = path + ".\(getpid()).tmp"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try text.write(toFile: temporary, atomically: false, encoding: .utf8)
            guard rename(temporary, path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
        }
    }
}
