import CLibEdit
import Foundation

/// Writing a command's output so that a failure is never silent: `--output` files are
/// written beside the target and renamed into place, and standard output is checked.
enum SafeOutput {
    /// Writes `text` to `path`, or to standard output when `path` is nil.
    static func write(_ text: String, to path: String?) throws(CLIError) {
        // A write past a file-size limit fails with EFBIG (and is reported) instead of killing the process.
        signal(SIGXFSZ, SIG_IGN)
        guard let path else {
            fflush(spinesim_stdout())
            try writeAll(text, to: STDOUT_FILENO) { reason in .outputFailed(reason: "standard output: \(reason)") }
            return
        }
        try writeFile(text, to: path)
    }

    /// Writes `text` to a temporary file in `path`'s folder and renames it to `path`, so the
    /// target is whole or untouched. Only a regular file (or nothing) at `path` is replaced:
    /// a device, folder, link or pipe is refused. The temporary file is removed on failure,
    /// and by `SafeOutput`'s signal handler if the process is interrupted meanwhile.
    static func writeFile(_ text: String, to path: String) throws(CLIError) {
        var status = stat()
        if lstat(path, &status) == 0, (status.st_mode & S_IFMT) != S_IFREG {
            let kind = (status.st_mode & S_IFMT) == S_IFDIR ? "a folder" : (status.st_mode & S_IFMT) == S_IFLNK ? "a symbolic link" : "a device or pipe"
            throw .notAFile(path: path, reason: "--output is \(kind), not a regular file; give a file path")
        }
        do { try FileAccess.createParent(of: path) } catch { throw .cannotWrite(path: path, reason: error.localizedDescription) }
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        var template = Array(((folder.isEmpty ? "." : folder) + "/.\(name).spinesim-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw .cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        TemporaryFiles.register(template)
        defer { TemporaryFiles.unregister() }
        do throws(CLIError) {
            try writeAll(text, to: descriptor) { reason in .cannotWrite(path: path, reason: reason) }
            guard fsync(descriptor) == 0 || errno == EINVAL else { throw CLIError.cannotWrite(path: path, reason: String(cString: strerror(errno))) }
            guard close(descriptor) == 0 else { throw CLIError.cannotWrite(path: path, reason: String(cString: strerror(errno))) }
            // Give the file the permissions a newly created file would have (mkstemp makes it 0600).
            let mask = umask(0)
            umask(mask)
            chmod(temporary, 0o666 & ~mask)
            guard rename(temporary, path) == 0 else { throw CLIError.cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
    }

    /// Writes every byte, retrying short writes and interruptions.
    static func writeAll(_ text: String, to descriptor: Int32, error makeError: (String) -> CLIError) throws(CLIError) {
        var text = text
        let failure: String? = text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let wrote = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if wrote < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno))
                }
                offset += wrote
            }
            return nil
        }
        if let failure { throw makeError(failure) }
    }

    /// Flushes standard output and exits; a failed write (a full disk, `> /dev/full`) is
    /// reported and turns a successful exit status into 1.
    static func exit(_ status: Int32) -> Never {
        if fflush(spinesim_stdout()) != 0 || ferror(spinesim_stdout()) != 0 {
            let reason = String(cString: strerror(errno))
            printError("error: could not write to standard output (\(reason)); the output is incomplete")
            Foundation.exit(status == 0 ? 1 : status)
        }
        Foundation.exit(status)
    }
}

/// The one temporary output file that exists at a time, removed if a signal ends the process
/// before it is renamed. The path lives in memory allocated before the handler is installed,
/// so the handler only calls `unlink` (async-signal-safe).
enum TemporaryFiles {
    private static let capacity = 4096
    nonisolated(unsafe) private static let path: UnsafeMutablePointer<CChar> = {
        let p = UnsafeMutablePointer<CChar>.allocate(capacity: capacity)
        p.initialize(repeating: 0, count: capacity)
        return p
    }()
    nonisolated(unsafe) private static var installed = false

    static func register(_ cPath: [CChar]) {
        guard cPath.count < capacity else { return }
        for (i, c) in cPath.enumerated() { path[i] = c }
        guard !installed else { return }
        installed = true
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGPIPE] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { signal in
                if TemporaryFiles.path[0] != 0 { unlink(TemporaryFiles.path) }
                // Die of the same signal, as without the handler.
                Foundation.signal(signal, SIG_DFL)
                raise(signal)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(signal, &action, nil)
        }
    }

    static func unregister() { path[0] = 0 }
}
