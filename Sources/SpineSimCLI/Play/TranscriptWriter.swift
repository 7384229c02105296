import Foundation

/// Appends accepted commands to a transcript file, flushed to disk before the command's
/// result is shown, so a killed session loses nothing.
///
/// A new transcript is created exclusively (never over an existing file, folder or link), and
/// the file is locked (`flock`) for the whole session, so a second `play` or `--resume` on it is
/// refused; who holds it is written beside it in `.NAME.lock`. Every write is checked: a write
/// that fails (a full disk, a file-size limit) is undone back to the last whole line and ends
/// the session with a message.
final class TranscriptWriter {
    let path: String
    private let descriptor: Int32
    /// The file's length after the last whole line written.
    private var committed: off_t
    /// The number of lines in the file so far (the next line written is this + 1).
    private(set) var lineCount: Int
    private let lockPath: String
    private var released = false

    /// Opens `path` for appending; creates it (and its folder) when `create` is true.
    init(path: String, create: Bool, header: String, student: String? = nil) throws(CLIError) {
        self.path = path
        lockPath = TranscriptWriter.lockPath(for: path)
        // A write past a file-size limit fails with EFBIG instead of killing the process.
        signal(SIGXFSZ, SIG_IGN)
        let fd: Int32
        if create {
            do { try FileAccess.createParent(of: path) } catch { throw .cannotWrite(path: path, reason: error.localizedDescription) }
            fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            if fd < 0 { throw TranscriptWriter.creationError(path: path, code: errno) }
        } else {
            fd = open(path, O_RDWR | O_APPEND | O_CLOEXEC)
            if fd < 0 { throw .fileUnreadable(path: path, reason: errno == ENOENT ? "no such file" : String(cString: strerror(errno))) }
        }
        descriptor = fd
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw .transcriptLocked(path: path, holder: TranscriptWriter.holder(lockPath: lockPath))
        }
        TranscriptWriter.recordHolder(at: lockPath, student: student)
        committed = 0
        lineCount = 0
        do throws(CLIError) {
            if create {
                try write(header)
            } else {
                let existing = try FileAccess.readText(path)
                committed = off_t(existing.utf8.count)
                lineCount = existing.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
                // A last line without its newline is ended, so the next command starts a line.
                if !existing.isEmpty, !existing.hasSuffix("\n") { try write("\n") }
            }
        } catch {
            if create { unlink(path) }
            release()
            throw error
        }
    }

    /// Appends one line and forces it to disk; returns its line number. On failure the file
    /// is cut back to its last whole line.
    @discardableResult
    func append(_ line: String) throws(CLIError) -> Int {
        try write(line + "\n")
        return lineCount
    }

    /// `append`, reporting a failure on standard error (nil then: the session must end).
    func appendReporting(_ line: String) -> Int? {
        do { return try append(line) } catch {
            printError(error.description)
            printError("The transcript \(path) is kept up to its last whole line.")
            return nil
        }
    }

    /// Writes whole lines, synced; undoes a partial write.
    private func write(_ text: String) throws(CLIError) {
        do throws(CLIError) {
            try SafeOutput.writeAll(text, to: descriptor) { reason in .cannotWrite(path: path, reason: reason) }
            guard fsync(descriptor) == 0 || errno == EINVAL else {
                throw CLIError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
            }
        } catch {
            _ = ftruncate(descriptor, committed)
            throw error
        }
        committed += off_t(text.utf8.count)
        lineCount += text.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    }

    private func release() {
        guard !released else { return }
        released = true
        unlink(lockPath)
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    deinit { release() }

    /// `DIR/.NAME.lock` for `DIR/NAME`.
    static func lockPath(for path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        let name = "." + (path as NSString).lastPathComponent + ".lock"
        return folder.isEmpty ? name : (folder as NSString).appendingPathComponent(name)
    }

    /// Why `open(O_CREAT | O_EXCL)` failed, in words that say what to do.
    private static func creationError(path: String, code: Int32) -> CLIError {
        var status = stat()
        let exists = lstat(path, &status) == 0
        if code == EEXIST || code == ELOOP, exists {
            switch status.st_mode & S_IFMT {
            case S_IFDIR: return .notAFile(path: path, reason: "--transcript is a folder; give a file path inside it, e.g. \((path as NSString).appendingPathComponent("case.txt"))")
            case S_IFLNK: return .notAFile(path: path, reason: "--transcript is a symbolic link; give the path of a new file")
            default:
                // Another session may be writing it right now: say whose it is.
                let fd = open(path, O_RDONLY | O_CLOEXEC)
                if fd >= 0 {
                    defer { close(fd) }
                    if flock(fd, LOCK_SH | LOCK_NB) != 0 { return .transcriptLocked(path: path, holder: holder(lockPath: lockPath(for: path))) }
                }
                return .fileExists(path: path)
            }
        }
        return .cannotWrite(path: path, reason: String(cString: strerror(code)))
    }

    /// Writes who holds the lock: process, host, student.
    private static func recordHolder(at lockPath: String, student: String?) {
        var host = [CChar](repeating: 0, count: 256)
        gethostname(&host, host.count - 1)
        let text = "pid \(getpid()) on \(String(cString: host))" + (student.map { ", student \($0)" } ?? "") + "\n"
        let fd = open(lockPath, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return }
        try? SafeOutput.writeAll(text, to: fd) { reason in .cannotWrite(path: lockPath, reason: reason) }
        close(fd)
    }

    /// Who holds the lock, from the lock file, or a general phrase.
    private static func holder(lockPath: String) -> String {
        guard let text = try? FileAccess.readText(lockPath, limit: 1000, what: "a lock file"),
              !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return "held by another process" }
        return "held by " + text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
