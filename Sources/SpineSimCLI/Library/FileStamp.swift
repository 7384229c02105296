import Foundation

/// A file's identity for the start-up caches: its size, inode, and modification and change
/// times in nanoseconds. The change time moves whenever a file is written or replaced.
struct FileStamp: Equatable, Sendable {
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

    /// The stamp of the file at `path` (following symbolic links); nil when it cannot be read.
    static func of(_ file: String) -> FileStamp? {
        var status = stat()
        guard stat(file, &status) == 0 else { return nil }
        #if canImport(Darwin)
        let (modified, changed) = (status.st_mtimespec, status.st_ctimespec)
        #else
        let (modified, changed) = (status.st_mtim, status.st_ctim)
        #endif
        func ns(_ t: timespec) -> Int64 { Int64(t.tv_sec) * 1_000_000_000 + Int64(t.tv_nsec) }
        return FileStamp(size: Int64(status.st_size), inode: Int64(truncatingIfNeeded: status.st_ino),
                         modified: ns(modified), changed: ns(changed))
    }
}
