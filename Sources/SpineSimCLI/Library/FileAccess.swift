import Foundation

/// The file I/O the shell needs, in one place.
enum FileAccess {
    static func readText(_ path: String) throws(CLIError) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .fileUnreadable(path: path, reason: "no such file")
        }
        if isDirectory.boolValue { throw .fileUnreadable(path: path, reason: "it is a folder") }
        let data: Data
        // Saying it is not a folder spares the URL a second look at the file system.
        do { data = try Data(contentsOf: URL(fileURLWithPath: path, isDirectory: false)) } catch {
            throw .fileUnreadable(path: path, reason: error.localizedDescription)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .fileUnreadable(path: path, reason: "it is not UTF-8 text")
        }
        return text
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    /// Files in a folder with one of the extensions, sorted by name (not recursive).
    static func files(in directory: String, extensions: Set<String>) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { name in
            guard !name.hasPrefix(".") else { return false }
            return extensions.contains((name as NSString).pathExtension.lowercased())
        }.sorted().map { (directory as NSString).appendingPathComponent($0) }
    }

    static func write(_ text: String, to path: String) throws(CLIError) {
        do {
            try createParent(of: path)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw .cannotWrite(path: path, reason: "\(error.localizedDescription)")
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
