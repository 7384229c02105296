import Foundation
import SpineSimCore

/// What `list` and the case picker show of each case, read from the top-level `id`, `title`,
/// `setting`, `difficulty` and `tags` keys of its file without parsing the rest, so that
/// start-up does not grow with the size of the library. A case is parsed in full only when
/// it is opened (`CaseStore`), and its errors are reported then.
public struct CaseIndex: Sendable {
    /// One case file as the index sees it.
    public struct Entry: Sendable {
        public let path: String
        /// The file's `id`, or its file name when the id cannot be read.
        public let id: String
        public let title: String
        public let setting: Setting?
        public let difficulty: Difficulty?
        public let tags: [String]
        public let opaqueReference: String
        /// Why the file's header could not be read; the case is listed all the same, and
        /// opening or validating it reports the file's errors.
        public let problem: String?
    }

    /// Cases sorted by id; a case's number is its position from 1.
    public let entries: [Entry]
    /// Files that could not be indexed and ids used twice (the later file is left out).
    public let diagnostics: [Diagnostic]
    private let positionByID: [String: Int]
    private let positionByReference: [String: Int]

    public init(entries: [Entry], diagnostics: [Diagnostic]) {
        self.entries = entries
        self.diagnostics = diagnostics
        positionByID = Dictionary(entries.indices.map { (entries[$0].id, $0) }, uniquingKeysWith: { first, _ in first })
        positionByReference = Dictionary(entries.indices.map { (entries[$0].opaqueReference, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Indexes every `.yaml`/`.yml` file in the folders, through `cache` when one is given.
    /// A folder that cannot be listed (missing, a symbolic link loop) or holds more than
    /// `Limits.casesPerFolder` case files is reported, not silently skipped.
    public static func build(folders: [String], cache: CaseIndexCache? = nil) -> CaseIndex {
        var files: [String] = []
        var problems: [Diagnostic] = []
        for folder in folders {
            do {
                let found = try FileAccess.listFiles(in: folder, extensions: ["yaml", "yml"])
                guard found.count <= Limits.casesPerFolder else {
                    problems.append(Diagnostic(path: folder, line: 1, column: 1, message:
                        "the folder has \(found.count) case files; SpineSim reads at most \(Limits.casesPerFolder) from one folder; split it into several folders"))
                    continue
                }
                files += found
            } catch {
                let reason: String
                if case .fileUnreadable(_, let why) = error { reason = why } else { reason = error.description }
                problems.append(Diagnostic(path: folder, line: 1, column: 1,
                                           message: "cannot list this case folder (\(reason)); check the path given with --scenarios or SPINESIM_SCENARIOS"))
            }
        }
        let index = build(files: files, cache: cache)
        return CaseIndex(entries: index.entries, diagnostics: problems + index.diagnostics)
    }

    public static func build(files: [String], cache: CaseIndexCache? = nil) -> CaseIndex {
        let cached = cache?.load() ?? [:]
        var stamped: [(FileStamp, Entry)] = []
        var changed = false
        var entries: [Entry] = []
        var diagnostics: [Diagnostic] = []
        var byID: [String: String] = [:]
        for file in files {
            let entry: Entry
            if cache != nil {
                // Stamp before reading, so that a file changed while it is read is read again next time.
                let stamp = FileStamp.of(file)
                if let stamp, let (was, hit) = cached[file], was == stamp {
                    entry = hit
                } else {
                    entry = Self.entry(file)
                    // A file with a problem is not cached (it is read each time, and says so).
                    if entry.problem == nil { changed = true }
                }
                if let stamp { stamped.append((stamp, entry)) }
            } else {
                entry = Self.entry(file)
            }
            if let problem = entry.problem {
                diagnostics.append(Diagnostic(path: file, line: 1, column: 1, message: problem))
            }
            if let other = byID[entry.id] {
                diagnostics.append(Diagnostic(path: file, line: 1, column: 1,
                                              message: "duplicate id '\(entry.id)': \(other) already uses it; ids must be unique"))
                continue
            }
            byID[entry.id] = file
            entries.append(entry)
        }
        // Rewritten when a file was read afresh, or one in the cache is no longer in the folders.
        if let cache, changed || stamped.filter({ $0.1.problem == nil }).count != cached.count { cache.save(stamped) }
        entries.sort { $0.id < $1.id }
        return CaseIndex(entries: entries, diagnostics: diagnostics)
    }

    /// A case by list number (from 1), id, or opaque case reference.
    public func entry(named name: String) -> Entry? {
        if let n = Int(name), n >= 1, n <= entries.count { return entries[n - 1] }
        return entry(id: name) ?? entry(reference: name)
    }

    public func entry(id: String) -> Entry? { positionByID[id].map { entries[$0] } }
    public func entry(reference: String) -> Entry? { positionByReference[reference].map { entries[$0] } }

    public var ids: [String] { entries.map(\.id) }

    // MARK: Reading a header

    /// Enough of a file to hold its header keys when they come first, as they do in every
    /// bundled case; a file whose keys are not all found there is read to the end.
    static let prefixBytes = 4096

    static func entry(_ path: String) -> Entry {
        let base = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        func broken(_ problem: String) -> Entry {
            Entry(path: path, id: base, title: "(a case file with errors: run 'spinesim validate')", setting: nil, difficulty: nil,
                  tags: [], opaqueReference: Scenario.opaqueReference(for: base), problem: problem)
        }
        let header: ScenarioHeader
        do {
            let prefix = try FileAccess.readPrefix(path, maxBytes: prefixBytes)
            if let misplaced = MisplacedCatalogue.diagnostic(text: prefix.text, path: path) { return broken(misplaced.message) }
            if let found = try ScenarioHeader.read(prefix.text, complete: prefix.complete) {
                header = found
            } else {
                header = try ScenarioHeader.read(try FileAccess.readText(path), complete: true) ?? ScenarioHeader()
            }
        } catch let error as CLIError {
            return broken("\(error.description.replacingOccurrences(of: "\(path): error: ", with: "")); the case cannot be listed")
        } catch {
            let reason = (error as? LoadFailure)?.diagnostics.first?.message ?? "its header cannot be read"
            return broken("\(reason); run 'spinesim validate \(path)' to see every error")
        }
        guard let id = header.id, !id.isEmpty else {
            return broken("the case has no 'id'; run 'spinesim validate \(path)' to see every error")
        }
        guard let title = header.title else {
            return broken("the case has no 'title'; run 'spinesim validate \(path)' to see every error")
        }
        return Entry(path: path, id: id, title: title, setting: header.setting.flatMap(Setting.init(rawValue:)),
                     difficulty: header.difficulty.flatMap(Difficulty.init(rawValue:)), tags: header.tags ?? [],
                     opaqueReference: Scenario.opaqueReference(for: id), problem: nil)
    }
}

extension FileAccess {
    /// At most `maxBytes` from the start of a file, and whether that is the whole file.
    static func readPrefix(_ path: String, maxBytes: Int) throws(CLIError) -> (text: String, complete: Bool) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .fileUnreadable(path: path, reason: errno == ENOENT ? "no such file" : String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: maxBytes + 1)
        var filled = 0
        while filled < bytes.count {
            let got = bytes.withUnsafeMutableBytes { buffer in
                read(descriptor, buffer.baseAddress.map { $0 + filled }, buffer.count - filled)
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw .fileUnreadable(path: path, reason: String(cString: strerror(errno)))
            }
            if got == 0 { break }
            filled += got
        }
        let complete = filled <= maxBytes
        var end = min(filled, maxBytes)
        // Cut at the last whole line, so that a character is never split.
        if !complete { while end > 0, bytes[end - 1] != UInt8(ascii: "\n") { end -= 1 } }
        guard let text = String(validating: bytes[..<end], as: UTF8.self) else {
            throw .fileUnreadable(path: path, reason: "it is not UTF-8 text")
        }
        return (text, complete)
    }
}
