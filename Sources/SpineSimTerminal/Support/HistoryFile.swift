import Foundation

/// Reads and writes the plain-text history file (one command a line, oldest first).
///
/// The file is private to the user (mode 0600, its directory created 0700 if missing)
/// and replaced atomically, so a session killed mid-write never leaves half a file.
public enum HistoryFile {
    /// The entries in the file at `path`, or `nil` when there is no such file.
    public static func read(_ path: String, limit: Int) throws(TerminalError) -> [String]? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .historyFile(path: path, reason: "cannot read it")
        }
        return HistoryLog.parse(String(decoding: data, as: UTF8.self), limit: limit)
    }

    /// Replaces the file at `path` with `entries`, creating missing parent directories.
    public static func write(_ entries: [String], to path: String) throws(TerminalError) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(
                at: directory, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
        } catch {
            throw .historyFile(path: path, reason: "cannot create \(directory.path): \(reason(error))")
        }
        let data = Data(HistoryLog.serialize(entries).utf8)
        do {
            try data.write(to: url, options: .atomic)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        } catch {
            throw .historyFile(path: path, reason: reason(error))
        }
    }

    private static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return nsError.localizedDescription
    }
}
