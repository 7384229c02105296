import Foundation
import Testing
@testable import SpineSimCLI
import SpineSimCore

/// The case index (headers only) and the store that parses a case when it is first opened.
@Suite struct CaseStoreTests {
    /// A temporary folder holding the given files.
    static func folder(_ files: [String: String]) throws -> String {
        let dir = try temporaryDirectory()
        for (name, text) in files {
            try text.write(toFile: (dir as NSString).appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return dir
    }

    /// A bundled case under another id, so that it does not clash with the bundled library.
    static func copy(of id: String, as newID: String, title: String) throws -> String {
        let text = try String(contentsOfFile: Repo.path("Scenarios/\(id).yaml"), encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for i in lines.indices {
            if lines[i] == "id: \(id)" { lines[i] = "id: \(newID)" }
            if lines[i].hasPrefix("title: ") { lines[i] = "title: \(title)" }
        }
        return lines.joined(separator: "\n")
    }

    @Test func theIndexReadsHeadersInTheirYAMLForms() throws {
        let dir = try Self.folder([
            "b.yaml": "# a comment\nid: b-case\ntitle: \"Quoted: back pain\"\nsetting: emergency-department\ndifficulty: advanced\ntags:\n  - one\n  - two\nsummary: x\n",
            "a.yml": "title: >-\n  Folded\n  title\nid: a-case\nsetting: primary-care\ndifficulty: introductory\ntags: [x, y]\n",
            "notes.txt": "id: not-a-case\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let index = CaseIndex.build(folders: [dir])
        #expect(index.diagnostics.isEmpty)
        #expect(index.ids == ["a-case", "b-case"])
        let a = try #require(index.entry(named: "1"))
        #expect(a.title == "Folded title")
        #expect(a.setting == .primaryCare)
        #expect(a.difficulty == .introductory)
        #expect(a.tags == ["x", "y"])
        let b = try #require(index.entry(named: "b-case"))
        #expect(b.title == "Quoted: back pain")
        #expect(b.setting == .emergencyDepartment)
        #expect(b.tags == ["one", "two"])
        #expect(index.entry(named: Scenario.opaqueReference(for: "b-case"))?.id == "b-case")
        #expect(index.entry(named: "3") == nil)
    }

    /// Keys past the part of the file read first are still found (the whole file is read).
    @Test func aHeaderKeyFarDownTheFileIsFound() throws {
        let filler = (0..<2000).map { "  line \($0)" }.joined(separator: "\n")
        let dir = try Self.folder(["c.yaml": "id: c-case\ntitle: Late tags\nsetting: primary-care\nsummary: |\n\(filler)\ndifficulty: advanced\ntags: [late]\n"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let entry = try #require(CaseIndex.build(folders: [dir]).entries.first)
        #expect(entry.difficulty == .advanced)
        #expect(entry.tags == ["late"])
    }

    @Test func aChangedFileIsReadAfresh() throws {
        let dir = try Self.folder(["a.yaml": "id: a-case\ntitle: First title\nsetting: primary-care\ndifficulty: advanced\ntags: []\n"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(CaseIndex.build(folders: [dir]).entries.first?.title == "First title")
        try "id: a-case\ntitle: Second title\nsetting: primary-care\ndifficulty: advanced\ntags: []\n"
            .write(toFile: (dir as NSString).appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        #expect(CaseIndex.build(folders: [dir]).entries.first?.title == "Second title")
    }

    static let header = "setting: primary-care\ndifficulty: advanced\ntags: [a, b]\n"

    /// The cache answers for unchanged files (proved by a cached title no file has), and a
    /// file written again is read afresh even at the same size.
    @Test func theCacheAnswersForUnchangedFilesOnly() throws {
        let dir = try Self.folder(["a.yaml": "id: a-case\ntitle: Title A\n" + Self.header,
                                   "b.yaml": "id: b-case\ntitle: Title B\n" + Self.header])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Only files unchanged for two seconds are cached (`FileStamp.isSettled`).
        Thread.sleep(forTimeInterval: 3.1)
        let cache = CaseIndexCache(path: (dir as NSString).appendingPathComponent("cache/index.snapshot"))
        #expect(CaseIndex.build(folders: [dir], cache: cache).entries.map(\.title) == ["Title A", "Title B"])
        let written = try [UInt8](Data(contentsOf: URL(fileURLWithPath: cache.path)))
        let title = Array("Title A".utf8)
        let at = try #require(written.indices.first { written[$0...].starts(with: title) })
        // Edit the cache, not the files: an unchanged file's entry now comes from it.
        var edited = written
        edited.replaceSubrange(at..<at + title.count, with: Array("Cached!".utf8))
        try Data(edited).write(to: URL(fileURLWithPath: cache.path))
        #expect(CaseIndex.build(folders: [dir], cache: cache).entries.map(\.title) == ["Cached!", "Title B"])
        // Rewriting a file (same size) changes its stamp, and it is read again.
        try "id: a-case\ntitle: Title Z\n".appending(Self.header).write(toFile: (dir as NSString).appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        let index = CaseIndex.build(folders: [dir], cache: cache)
        #expect(index.entries.map(\.title) == ["Title Z", "Title B"])
        #expect(index.entries.first?.tags == ["a", "b"])
        #expect(index.entries.first?.setting == .primaryCare)
        // A file gone from the folder is gone from the index.
        try FileManager.default.removeItem(atPath: (dir as NSString).appendingPathComponent("b.yaml"))
        #expect(CaseIndex.build(folders: [dir], cache: cache).ids == ["a-case"])
    }

    /// A corrupt cache, or one that cannot be written, gives the same index as none.
    @Test(arguments: ["garbage\n\u{0}\t\t\n", "spinesim case index 4\n/x\t1\t2\n", ""])
    func aBrokenCacheIsIgnored(content: String) throws {
        let dir = try Self.folder(["a.yaml": "id: a-case\ntitle: Title A\n" + Self.header])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let cachePath = (dir as NSString).appendingPathComponent("index.tsv")
        try content.write(toFile: cachePath, atomically: true, encoding: .utf8)
        let index = CaseIndex.build(folders: [dir], cache: CaseIndexCache(path: cachePath))
        #expect(index.entries.map(\.title) == ["Title A"])
        #expect(index.diagnostics.isEmpty)
        // A cache under a regular file cannot be written; the index is built all the same.
        let unwritable = CaseIndexCache(path: (dir as NSString).appendingPathComponent("a.yaml/cache.tsv"))
        #expect(CaseIndex.build(folders: [dir], cache: unwritable).entries.map(\.title) == ["Title A"])
    }

    /// A file whose header cannot be read is listed (under its file name) and reported; one whose
    /// body is broken is listed by its title, and opening it gives the file's errors.
    @Test func brokenCaseFilesAreListedAndReportedWhenOpened() throws {
        let dir = try Self.folder([
            "no-id.yaml": "title: Missing id\n",
            "broken-body.yaml": "id: broken-body\ntitle: Broken body\nsetting: primary-care\ndifficulty: advanced\ntags: []\npatient: 3\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let index = CaseIndex.build(folders: [dir])
        #expect(index.ids == ["broken-body", "no-id"])
        #expect(index.diagnostics.count == 1)
        #expect(index.diagnostics.first?.path.hasSuffix("no-id.yaml") == true)
        #expect(index.entry(named: "no-id")?.problem != nil)
        #expect(index.entry(named: "broken-body")?.problem == nil)
        let store = CaseStore(catalogue: try ScenarioLibrary.loadCatalogue(), index: index)
        let entry = try #require(index.entry(named: "broken-body"))
        #expect(throws: CLIError.self) { try store.scenario(entry) }
        do {
            _ = try store.scenario(entry)
        } catch {
            guard case .scenarioInvalid(let path, let lines) = error else { Issue.record("unexpected \(error)"); return }
            #expect(path == entry.path)
            #expect(!lines.isEmpty)
            #expect(lines.allSatisfy { $0.hasPrefix(entry.path) })
        }
    }

    @Test func duplicateIDsKeepTheFirstFileAndSaySo() throws {
        let dir = try Self.folder([
            "a.yaml": "id: same\ntitle: A\nsetting: primary-care\ndifficulty: advanced\ntags: []\n",
            "b.yaml": "id: same\ntitle: B\nsetting: primary-care\ndifficulty: advanced\ntags: []\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let index = CaseIndex.build(folders: [dir])
        #expect(index.entries.map(\.title) == ["A"])
        #expect(index.diagnostics.first?.message.contains("duplicate id 'same'") == true)
    }

    /// Grading parses only the cases its transcripts name, even beside a broken case file.
    @Test func gradeLoadsOnlyTheCasesItsTranscriptsName() throws {
        let dir = try Self.folder([
            "copy-one.yaml": try Self.copy(of: "mechanical-strain", as: "copy-one", title: "Copy one"),
            "copy-two.yaml": try Self.copy(of: "mechanical-neck-pain", as: "copy-two", title: "Copy two"),
            "broken.yaml": "id: broken\ntitle: Broken\npatient: 3\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let golden = try String(contentsOfFile: Repo.path("Tests/SpineSimCLITests/Golden/mechanical-strain-competent.txt"), encoding: .utf8)
        let transcript = (dir as NSString).appendingPathComponent("t.txt")
        try golden.replacingOccurrences(of: "# scenario: mechanical-strain", with: "# scenario: copy-one")
            .write(toFile: transcript, atomically: true, encoding: .utf8)
        let store = CaseStore(catalogue: try ScenarioLibrary.loadCatalogue(), index: CaseIndex.build(folders: [dir]))
        let results = TranscriptGrading.gradeAll([transcript, transcript], workers: 2, store: store, scenarioOverride: nil)
        let reports = try results.map { try $0.get() }
        #expect(reports.map(\.scenarioID) == ["copy-one", "copy-one"])
        #expect(store.openedPaths == [(dir as NSString).appendingPathComponent("copy-one.yaml")])
        // Both workers were given the one shared copy.
        #expect(try store.scenario(named: "copy-one") === store.scenario(named: "copy-one"))
    }

    /// `list` shows a case whose body is broken (it is parsed only when opened) and exits 0.
    @Test func listDoesNotParseTheCases() throws {
        let dir = try Self.folder(["zz-broken.yaml": "id: zz-broken\ntitle: Zz broken body\nsetting: primary-care\ndifficulty: advanced\ntags: []\npatient: 3\n"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let list = try runSpineSim(["list", "--scenarios", dir])
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.contains("Zz broken body  [general practice, advanced]"))
        let play = try runSpineSim(["play", "zz-broken", "--transcript", (dir as NSString).appendingPathComponent("t.txt"), "--scenarios", dir], input: "end\n")
        #expect(play.status == 1)
        #expect(play.stderr.contains("zz-broken.yaml"))
    }
}
