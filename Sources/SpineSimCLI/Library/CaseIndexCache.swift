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

    /// The user's cache file, or nil when the cache is off or there is no home folder to put it in.
    public static func user(environment: [String: String] = ProcessInfo.processInfo.environment) -> CaseIndexCache? {
        guard let base = SnapshotCache.folder(environment: environment) else { return nil }
        return CaseIndexCache(path: (base as NSString).appendingPathComponent("case-index.snapshot"))
    }

    /// The first bytes of the cache file; a change to what `CachedEntry` writes must change it.
    static let version = Array("spinesim case index 4\n".utf8)

    /// The cached entries by path, with the stamp each was read at; empty when the cache is
    /// missing, damaged or not in this version's format.
    func load() -> [String: (FileStamp, CaseIndex.Entry)] {
        guard let bytes = try? FileAccess.readBytes(path, limit: Limits.snapshotBytes, what: "a case index cache"),
              bytes.starts(with: Self.version),
              let cached = try? Snapshot.decode([CachedEntry].self, from: Array(bytes[Self.version.count...])) else { return [:] }
        var out: [String: (FileStamp, CaseIndex.Entry)] = [:]
        out.reserveCapacity(cached.count)
        for item in cached { out[item.entry.path] = (item.stamp, item.entry) }
        return out
    }

    /// Writes the entries read without a problem from settled files (`FileStamp.isSettled`) to a
    /// new file and renames it over the cache; any failure leaves the cache as it was.
    func save(_ entries: [(FileStamp, CaseIndex.Entry)]) {
        let cached = entries.filter { $0.1.problem == nil && $0.0.isSettled }.map { CachedEntry(stamp: $0.0, entry: $0.1) }
        FileAccess.replace(path, with: Self.version + Snapshot.encode(cached))
    }

    /// One file's entry as the cache keeps it.
    struct CachedEntry: Snapshottable {
        var stamp: FileStamp
        var entry: CaseIndex.Entry

        init(stamp: FileStamp, entry: CaseIndex.Entry) {
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
            stamp = FileStamp(size: Int64(size), inode: Int64(inode), modified: Int64(modified), changed: Int64(changed))
            entry = try CaseIndex.Entry(path: reader.read(), id: reader.read(), title: reader.read(), setting: reader.read(),
                                        difficulty: reader.read(), tags: reader.read(), opaqueReference: reader.read(), problem: nil)
        }
    }
}
