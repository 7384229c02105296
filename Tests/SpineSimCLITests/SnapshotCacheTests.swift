import Foundation
import Testing
@testable import SpineSimCLI
@testable import SpineSimCore

/// The first stored property where two values differ, compared all the way down through
/// classes, optionals and enum payloads (dictionaries and sets whatever their order); nil
/// when they agree everywhere. Reflection sees private properties too, so a property the
/// snapshot forgets to write shows up here as a difference.
func firstDifference(_ a: Any, _ b: Any, at path: String = "") -> String? {
    let left = Mirror(reflecting: a), right = Mirror(reflecting: b)
    guard left.subjectType == right.subjectType else { return "\(path): \(left.subjectType) against \(right.subjectType)" }
    if left.children.isEmpty || right.children.isEmpty {
        let (x, y) = (String(describing: a), String(describing: b))
        return x == y && left.children.isEmpty == right.children.isEmpty ? nil : "\(path): \(x.prefix(80)) against \(y.prefix(80))"
    }
    var xs = Array(left.children), ys = Array(right.children)
    guard xs.count == ys.count else { return "\(path): \(xs.count) parts against \(ys.count)" }
    if left.displayStyle == .dictionary || left.displayStyle == .set {
        // Hash order differs between equal values: compare in the order of the keys (elements) as text.
        func sortKey(_ child: Mirror.Child) -> String {
            let parts = Array(Mirror(reflecting: child.value).children)
            return left.displayStyle == .dictionary && parts.count == 2 ? String(describing: parts[0].value) : String(describing: child.value)
        }
        xs.sort { sortKey($0) < sortKey($1) }
        ys.sort { sortKey($0) < sortKey($1) }
    }
    for (index, (x, y)) in zip(xs, ys).enumerated() {
        if let found = firstDifference(x.value, y.value, at: "\(path).\(x.label ?? String(index))") { return found }
    }
    return nil
}

struct SnapshotCacheTests {
    /// The catalogue read back from its snapshot is the one parsed, every stored part of it
    /// including its lookup tables.
    @Test func theBundledCatalogueReadsBackWhole() throws {
        let parsed = try ScenarioLibrary.loadCatalogue()
        let read = try Catalogue(snapshot: parsed.snapshot())
        #expect(firstDifference(parsed, read) == nil)
        #expect(read.snapshot() == parsed.snapshot())
    }

    /// Every bundled case read back from its snapshot is the one parsed.
    @Test func everyBundledCaseReadsBackWhole() throws {
        let library = try Repo.lib()
        #expect(library.scenarios.count >= 20)
        for scenario in library.scenarios {
            let read = try Scenario(snapshot: scenario.snapshot())
            #expect(firstDifference(scenario, read) == nil, "\(scenario.id)")
        }
    }

    /// The comparison the two tests above rely on sees a difference deep inside a case.
    @Test func theComparisonSeesADeepDifference() throws {
        let library = try Repo.lib()
        let scenario = try #require(library.scenarios.first { !$0.rubric.items.isEmpty })
        let items = scenario.rubric.items
        var rubric = scenario.rubric
        rubric.items = [RubricItem(id: items[0].id, tier: items[0].tier, match: items[0].match, criterion: items[0].criterion,
                                   points: items[0].points + 1, within: items[0].within, feedbackMet: items[0].feedbackMet,
                                   feedbackMissed: items[0].feedbackMissed, feedbackLate: items[0].feedbackLate,
                                   reference: items[0].reference, criticalError: items[0].criticalError, critical: items[0].critical,
                                   line: items[0].line)] + items.dropFirst()
        let changed = Scenario(id: scenario.id, title: scenario.title, setting: scenario.setting, difficulty: scenario.difficulty,
                               tags: scenario.tags, summary: scenario.summary, references: scenario.references, patient: scenario.patient,
                               history: scenario.history, examination: scenario.examination, results: scenario.results,
                               diagnosis: scenario.diagnosis, course: scenario.course, outcomes: scenario.outcomes, rubric: rubric,
                               ladder: scenario.ladder, selfTests: scenario.selfTests, sourcePath: scenario.sourcePath,
                               sha256: scenario.sha256, state: scenario.state, infection: scenario.infection,
                               mutationAudit: scenario.mutationAudit)
        #expect(firstDifference(scenario, changed)?.contains("points") == true)
    }

    /// A copy of the bundled library in a folder of its own, with a cache folder beside it.
    private func copiedLibrary() throws -> (home: String, environment: [String: String]) {
        let dir = try temporaryDirectory()
        let home = (dir as NSString).appendingPathComponent("home")
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Repo.path("Scenarios"), toPath: (home as NSString).appendingPathComponent("Scenarios"))
        // Files written in the last two seconds are never cached (see `FileStamp.isSettled`); the
        // change time that decides it cannot be set back, so wait.
        Thread.sleep(forTimeInterval: 3.1)
        return (home, ["SPINESIM_HOME": home, "XDG_CACHE_HOME": (dir as NSString).appendingPathComponent("cache")])
    }

    private func snapshots(in environment: [String: String], kind: String) -> [String] {
        let folder = ((environment["XDG_CACHE_HOME"] ?? "") as NSString).appendingPathComponent("spinesim/\(kind)")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).map { (folder as NSString).appendingPathComponent($0) }
    }

    /// The cached catalogue is used while its files are unchanged, and an edited file is read
    /// afresh; a damaged cache file is ignored.
    @Test func theCatalogueCacheFollowsItsFiles() throws {
        let (home, environment) = try copiedLibrary()
        let first = try ScenarioLibrary.loadCatalogue(cached: true, environment: environment)
        let files = snapshots(in: environment, kind: "catalogue")
        #expect(files.count == 1)
        let cached = try ScenarioLibrary.loadCatalogue(cached: true, environment: environment)
        #expect(firstDifference(first, cached) == nil)

        // Edit a name in catalogue.yaml: the next load reads it, whatever the cache holds.
        let path = (home as NSString).appendingPathComponent("Scenarios/catalogue/catalogue.yaml")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let item = try #require(first.items[.test]?.first)
        try text.replacingOccurrences(of: "name: \(item.name)\n", with: "name: \(item.name) (edited)\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let edited = try ScenarioLibrary.loadCatalogue(cached: true, environment: environment)
        #expect(edited.item(.test, item.code)?.name == "\(item.name) (edited)")

        // Damaged: the catalogue is parsed again, the same as before the damage.
        Thread.sleep(forTimeInterval: 3.1)
        _ = try ScenarioLibrary.loadCatalogue(cached: true, environment: environment)
        let file = try #require(snapshots(in: environment, kind: "catalogue").first)
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
        bytes.removeLast(bytes.count / 3)
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        let afterDamage = try ScenarioLibrary.loadCatalogue(cached: true, environment: environment)
        #expect(afterDamage.item(.test, item.code)?.name == "\(item.name) (edited)")
    }

    /// A file written in the last two seconds is not cached: it could be written again
    /// within the file system's clock tick and keep its stamp.
    @Test func aFreshlyWrittenCatalogueIsNotCached() throws {
        let (home, environment) = try copiedLibrary()
        let path = (home as NSString).appendingPathComponent("Scenarios/catalogue/diagnoses.yaml")
        try String(contentsOfFile: path, encoding: .utf8).write(toFile: path, atomically: true, encoding: .utf8)
        _ = try ScenarioLibrary.loadCatalogue(cached: true, environment: environment)
        #expect(snapshots(in: environment, kind: "catalogue").isEmpty)
    }

    /// `SPINESIM_CACHE=off` keeps nothing.
    @Test func theCacheCanBeTurnedOff() throws {
        var (_, environment) = try copiedLibrary()
        environment["SPINESIM_CACHE"] = "off"
        _ = try ScenarioLibrary.loadCatalogue(cached: true, environment: environment)
        #expect(snapshots(in: environment, kind: "catalogue").isEmpty)
    }

    /// An opened case is cached, and read afresh once its file changes.
    @Test func theCaseCacheFollowsItsFile() throws {
        let (home, environment) = try copiedLibrary()
        let catalogue = try ScenarioLibrary.loadCatalogue(cached: true, environment: environment)
        let folder = (home as NSString).appendingPathComponent("Scenarios")
        let cacheFolder = ((environment["XDG_CACHE_HOME"] ?? "") as NSString).appendingPathComponent("spinesim")
        func store() -> CaseStore { CaseStore(catalogue: catalogue, index: CaseIndex.build(folders: [folder]), cacheFolder: cacheFolder) }
        let parsed = try store().scenario(named: "mechanical-strain")
        #expect(snapshots(in: environment, kind: "cases").count == 1)
        let cached = try store().scenario(named: "mechanical-strain")
        #expect(firstDifference(parsed, cached) == nil)

        let path = parsed.sourcePath
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "complaint: >-\n    I hurt", with: "complaint: >-\n    Edited. I hurt")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let edited = try store().scenario(named: "mechanical-strain")
        #expect(edited.patient.complaint.hasPrefix("Edited. "))
    }
}
