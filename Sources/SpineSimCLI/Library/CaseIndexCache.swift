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
        guard let base = folder(environment: environment) else { return nil }
        return CaseIndexCache(path: (base as NSString).appendingPathComponent("case-index.snapshot"))
    }

    /// SpineSim's cache folder: `$XDG_CACHE_HOME/spinesim` or `~/.cache/spinesim`; nil with
    /// neither set to an absolute path.
    static func folder(environment: [String: String]) -> String? {
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

    /// A file's identity for the cache: its size, inode, and modification and change times in nanoseconds.
    struct Stamp: Equatable {
        var size: Int64
        var inode: Int64
        var modified: Int64
        var changed: Int64

        var fields: [String] { [String(size), String(inode), String(modified), String(changed)] }

        /// Whether the file last changed more than two seconds ago (its change time, which
        /// every write sets and nothing can set back). A file written again within the file
        /// system's clock tick can keep its size, times and even its inode (reused by an
        /// atomic rewrite), so only a settled file may be cached: any later write then leaves
        /// a stamp of its own. (Git guards its index the same way.)
        var isSettled: Bool {
            let now = Int64(time(nil))
            return changed / 1_000_000_000 < now - 2
        }

        init(size: Int64, inode: Int64, modified: Int64, changed: Int64) {
            (self.size, self.inode, self.modified, self.changed) = (size, inode, modified, changed)
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

    /// The first bytes of the cache file; a change to what `Entry` and `Stamp` write must change it.
    static let version = Array("spinesim case index 4\n".utf8)

    /// The cached entries by path, with the stamp each was read at; empty when the cache is
    /// missing, damaged or not in this version's format.
    func load() -> [String: (Stamp, CaseIndex.Entry)] {
        guard let bytes = try? FileAccess.readBytes(path, limit: Limits.snapshotBytes, what: "a case index cache"),
              bytes.starts(with: Self.version),
              let cached = try? Snapshot.decode([CachedEntry].self, from: Array(bytes[Self.version.count...])) else { return [:] }
        var out: [String: (Stamp, CaseIndex.Entry)] = [:]
        out.reserveCapacity(cached.count)
        for item in cached { out[item.entry.path] = (item.stamp, item.entry) }
        return out
    }

    /// Writes the entries read without a problem from settled files (`Stamp.isSettled`) to a
    /// new file and renames it over the cache; any failure leaves the cache as it was.
    func save(_ entries: [(Stamp, CaseIndex.Entry)]) {
        let cached = entries.filter { $0.1.problem == nil && $0.0.isSettled }.map { CachedEntry(stamp: $0.0, entry: $0.1) }
        FileAccess.replace(path, with: Self.version + Snapshot.encode(cached))
    }

    /// One file's entry as the cache keeps it.
    struct CachedEntry: Snapshottable {
        var stamp: Stamp
        var entry: CaseIndex.Entry

        init(stamp: Stamp, entry: CaseIndex.Entry) {
            self.stamp = stamp
            self.entry = entry
        }

        func write(to writer: inout SnapshotWriter) {
            writer.write(Int(stamp.size), Int(stamp.inode), Int(stamp.modified), Int(stamp.changed))
            writer.write(entry.path, entry.id, entry.title, entry.setting, entry.difficulty, entry.tags, entry.opaqueReference)
        }

        init(from reader: inout SnapshotReader) throws(Snapshot.Damaged) {
            let size: Int = try reader.read(), inode: Int = try reader.read()
            let modified: Int = try reader.read(), changed: Int = try reader.read()
            stamp = Stamp(size: Int64(size), inode: Int64(inode), modified: Int64(modified), changed: Int64(changed))
            entry = try CaseIndex.Entry(path: reader.read(), id: reader.read(), title: reader.read(), setting: reader.read(),
                                        difficulty: reader.read(), tags: reader.read(), opaqueReference: reader.read(), problem: nil)
        }
    }
}
