import Foundation
import SpineSimCore

/// The file I/O the shell needs, in one place.
public enum FileAccess {
    /// The file's text, refused past `limit` bytes (a transcript's limit unless told). Read
    /// with open/fstat/read rather than through Foundation: grading a cohort reads thousands of
    /// small files, and this takes a third of the system calls. A device or pipe with no end
    /// (`/dev/zero`) is read only to the limit.
    public static func readText(_ path: String, limit: Int = Limits.transcriptBytes, what: String = "a transcript") throws(CLIError) -> String {
        let bytes = try readBytes(path, limit: limit, what: what)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .fileUnreadable(path: path, reason: "it is not UTF-8 text")
        }
        return text
    }

    /// A file's bytes, refused when it is larger than `limit` (the same checks as `readText`).
    static func readBytes(_ path: String, limit: Int, what: String) throws(CLIError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ELOOP { throw .fileUnreadable(path: path, reason: "it is a symbolic link loop") }
            throw .fileUnreadable(path: path, reason: reason(errno))
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .fileUnreadable(path: path, reason: reason(errno)) }
        if (status.st_mode & S_IFMT) == S_IFDIR { throw .fileUnreadable(path: path, reason: "it is a folder") }
        if Int(status.st_size) > limit { throw .fileTooLarge(path: path, limit: limit, what: what) }
        // The size is a first guess (a pipe or a growing file may give more); read until the
        // end or one byte past the limit.
        var bytes = [UInt8](repeating: 0, count: min(max(Int(status.st_size), 0), limit) + 1)
        var filled = 0
        while true {
            if filled == bytes.count {
                if filled > limit { throw .fileTooLarge(path: path, limit: limit, what: what) }
                bytes.append(contentsOf: [UInt8](repeating: 0, count: min(max(4096, bytes.count), limit + 1 - filled)))
            }
            let got = bytes.withUnsafeMutableBytes { buffer in
                read(descriptor, buffer.baseAddress.map { $0 + filled }, buffer.count - filled)
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw .fileUnreadable(path: path, reason: reason(errno))
            }
            if got == 0 { break }
            filled += got
        }
        if filled > limit { throw .fileTooLarge(path: path, limit: limit, what: what) }
        bytes.removeSubrange(filled...)
        return bytes
    }

    /// A transcript file, read and checked against the limits on its size, its lines' length
    /// and its number of command lines.
    public static func readTranscript(_ path: String) throws(CLIError) -> Transcript {
        let text = try readText(path)
        let transcript = Transcript.parse(text)
        if transcript.lines.count > Limits.transcriptLines {
            throw .limitExceeded(path: path, line: transcript.lines[Limits.transcriptLines].number,
                                 what: "the transcript has more than \(Limits.transcriptLines) command lines, the most SpineSim grades")
        }
        if let long = transcript.lines.first(where: { $0.text.utf8.count > Limits.lineBytes }) {
            throw .limitExceeded(path: path, line: long.number,
                                 what: "the line is longer than \(Limits.lineBytes) bytes, the most a command line may have")
        }
        return transcript
    }

    /// A system error number in words ("No such file or directory").
    private static func reason(_ code: Int32) -> String {
        code == ENOENT ? "no such file" : String(cString: strerror(code))
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    /// Files in a folder with one of the extensions, sorted by name (not recursive).
    static func files(in directory: String, extensions: Set<String>) -> [String] {
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                bytes.baseAddress.map { String(cString: $0.assumingMemoryBound(to: CChar.self)) } ?? ""
            }
            guard !name.hasPrefix("."), let dot = name.lastIndex(of: "."),
                  extensions.contains(name[name.index(after: dot)...].lowercased()) else { continue }
            names.append(name)
        }
        let folder = directory.hasSuffix("/") || directory.isEmpty ? directory : directory + "/"
        return names.sorted().map { folder + $0 }
    }

    /// `files(in:extensions:)`, but a folder that cannot be listed (missing, a symbolic link
    /// loop, not readable) is an error rather than an empty folder.
    static func listFiles(in directory: String, extensions: Set<String>) throws(CLIError) -> [String] {
        guard let dir = opendir(directory) else {
            if errno == ELOOP { throw .fileUnreadable(path: directory, reason: "it is a symbolic link loop") }
            throw .fileUnreadable(path: directory, reason: reason(errno))
        }
        closedir(dir)
        return files(in: directory, extensions: extensions)
    }

    static func write(_ text: String, to path: String) throws(CLIError) {
        do {
            try createParent(of: path)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw .cannotWrite(path: path, reason: "\(error.localizedDescription)")
        }
    }

    /// Writes `bytes` to a new file beside `path` and renames it over `path`, creating the
    /// folder if need be: a reader sees the old file or the new one, never part of one. For
    /// caches: a failure leaves things as they were and is not reported.
    static func replace(_ path: String, with bytes: [UInt8]) {
        let temporary = path + ".\(getpid()).tmp"
        do {
            try createParent(of: path)
            try Data(bytes).write(to: URL(fileURLWithPath: temporary))
            guard rename(temporary, path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
        }
    }

    static func createParent(of path: String) throws {
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty { try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true) }
    }
}

/// Writes to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
