import Foundation

/// Appends accepted commands to a transcript file, flushed to disk before the command's
/// result is shown, so a killed session loses nothing.
final class TranscriptWriter {
    let path: String
    private let handle: FileHandle
    /// The number of lines in the file so far (the next line written is this + 1).
    private(set) var lineCount: Int

    /// Opens `path` for appending; creates it (and its folder) when `create` is true.
    init(path: String, create: Bool, header: String) throws(CLIError) {
        self.path = path
        let manager = FileManager.default
        var existing = ""
        if create {
            if manager.fileExists(atPath: path) { throw .fileExists(path: path) }
            do { try FileAccess.createParent(of: path) } catch { throw .cannotWrite(path: path, reason: error.localizedDescription) }
            guard manager.createFile(atPath: path, contents: Data(header.utf8)) else {
                throw .cannotWrite(path: path, reason: "the file could not be created")
            }
            existing = header
        } else {
            existing = try FileAccess.readText(path)
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw .cannotWrite(path: path, reason: "the file could not be opened for writing")
        }
        self.handle = handle
        handle.seekToEndOfFile()
        if !existing.isEmpty, !existing.hasSuffix("\n") {
            handle.write(Data("\n".utf8))
            existing += "\n"
        }
        lineCount = existing.split(separator: "\n", omittingEmptySubsequences: false).count - 1
        fsync(handle.fileDescriptor)
    }

    /// Appends one line and forces it to disk; returns its line number.
    @discardableResult
    func append(_ line: String) -> Int {
        handle.write(Data((line + "\n").utf8))
        fsync(handle.fileDescriptor)
        lineCount += 1
        return lineCount
    }

    deinit { try? handle.close() }
}
