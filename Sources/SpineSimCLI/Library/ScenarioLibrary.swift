import Foundation
import SpineSimCore

/// Finds the catalogue and the scenario folders on disk and loads them.
public struct ScenarioLibrary: Sendable {
    public var catalogue: Catalogue
    /// Valid scenarios, sorted by id.
    public var scenarios: [Scenario]
    /// Every diagnostic from loading, for `validate`.
    public var diagnostics: [Diagnostic]
    /// Files that failed to load.
    public var invalidFiles: [String]
    public var folders: [String]

    /// The bundled `Scenarios/` folder: beside the sources this binary was built from, or
    /// under `SPINESIM_HOME`, or `../share/spinesim/Scenarios` next to the executable.
    public static func bundledFolder(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        var candidates: [String] = []
        if let home = environment["SPINESIM_HOME"] { candidates.append((home as NSString).appendingPathComponent("Scenarios")) }
        let source = URL(fileURLWithPath: #filePath)
        let repoRoot = source.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(repoRoot.appendingPathComponent("Scenarios").path)
        let exe = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath().deletingLastPathComponent()
        candidates.append(exe.appendingPathComponent("../share/spinesim/Scenarios").standardized.path)
        candidates.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("Scenarios").path)
        return candidates.first { FileAccess.exists(($0 as NSString).appendingPathComponent("catalogue/catalogue.yaml")) }
    }

    /// Scenario folders: the bundled one, then `SPINESIM_SCENARIOS` (colon-separated), then `--scenarios`.
    public static func folders(extra: [String], environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        var out: [String] = []
        if let bundled = bundledFolder(environment: environment) { out.append(bundled) }
        if let env = environment["SPINESIM_SCENARIOS"] {
            out += env.split(separator: ":").map(String.init).filter { !$0.isEmpty }
        }
        out += extra
        var seen = Set<String>()
        return out.filter { seen.insert(URL(fileURLWithPath: $0).standardized.path).inserted }
    }

    static let noBundledFolder = CLIError.usage("cannot find the bundled Scenarios/catalogue folder; run from the repository or set SPINESIM_HOME to it")

    /// The bundled catalogue with the overlays (`DIR/catalogue/`) of the other `folders` merged in.
    /// With `cached`, the bundled catalogue may come from the start-up cache (`SnapshotCache`).
    public static func loadCatalogue(folders: [String], cached: Bool = false,
                                     environment: [String: String] = ProcessInfo.processInfo.environment) throws(CLIError) -> Catalogue {
        let base = try loadCatalogue(cached: cached, environment: environment)
        return try CatalogueOverlays.load(base: base, folders: folders, bundled: bundledFolder(environment: environment))
    }

    /// The bundled catalogue alone, parsed from its files; with `cached`, read from the
    /// start-up cache when it was made by this program from the same files, and cached after
    /// parsing when it was not.
    public static func loadCatalogue(cached: Bool = false,
                                     environment: [String: String] = ProcessInfo.processInfo.environment) throws(CLIError) -> Catalogue {
        guard let folder = bundledFolder(environment: environment) else { throw noBundledFolder }
        let inputs = catalogueInputs(folder)
        let cache = cached ? SnapshotCache.folder(environment: environment).map { SnapshotCache(folder: $0, kind: "catalogue", source: folder) } : nil
        let key = cache.flatMap { _ in SnapshotCache.key(kind: "catalogue", inputs: inputs.all) }
        if let cache, let key, let bytes = cache.load(key: key), let catalogue = try? Catalogue(snapshot: bytes) { return catalogue }
        let catalogue = try parseCatalogue(inputs)
        if let cache, let key { cache.save(catalogue.snapshot(), key: key) }
        return catalogue
    }

    /// The files a bundled catalogue is read from.
    private struct CatalogueInputs {
        var catalogue: String
        var diagnoses: String
        var ladders: [String]
        var interactions: String
        var all: [String] { [catalogue, diagnoses] + ladders + [interactions] }
    }

    private static func catalogueInputs(_ folder: String) -> CatalogueInputs {
        let dir = (folder as NSString).appendingPathComponent("catalogue")
        return CatalogueInputs(catalogue: (dir as NSString).appendingPathComponent("catalogue.yaml"),
                               diagnoses: (dir as NSString).appendingPathComponent("diagnoses.yaml"),
                               ladders: FileAccess.files(in: (dir as NSString).appendingPathComponent("ladders"), extensions: ["yaml", "yml"]),
                               interactions: (dir as NSString).appendingPathComponent("interactions.yaml"))
    }

    private static func parseCatalogue(_ inputs: CatalogueInputs) throws(CLIError) -> Catalogue {
        let catalogueText = try FileAccess.readText(inputs.catalogue, limit: Limits.caseFileBytes, what: "a catalogue file")
        let diagnosesText = try FileAccess.readText(inputs.diagnoses, limit: Limits.caseFileBytes, what: "a catalogue file")
        var ladders: [(text: String, path: String)] = []
        for path in inputs.ladders {
            ladders.append((try FileAccess.readText(path, limit: Limits.caseFileBytes, what: "a ladder file"), path))
        }
        var interactions: (text: String, path: String)?
        if FileAccess.exists(inputs.interactions) {
            interactions = (try FileAccess.readText(inputs.interactions, limit: Limits.caseFileBytes, what: "a catalogue file"), inputs.interactions)
        }
        do {
            return try CatalogueLoader.load(catalogueText: catalogueText, cataloguePath: inputs.catalogue,
                                            diagnosesText: diagnosesText, diagnosesPath: inputs.diagnoses, ladders: ladders,
                                            interactions: interactions)
        } catch {
            throw .catalogueInvalid(error.diagnostics.map(\.description))
        }
    }

    /// Loads every scenario in the folders (or just the given files and folders).
    /// With `forAuthors` false (a class server starting a student's session), only errors are
    /// worked out, not the warnings `validate` shows authors (most of the time loading takes),
    /// and the bundled catalogue may come from the start-up cache.
    public static func load(extraFolders: [String], only paths: [String]? = nil, forAuthors: Bool = true) throws(CLIError) -> ScenarioLibrary {
        let folders = folders(extra: extraFolders)
        let catalogue = try loadCatalogue(folders: folders + CatalogueOverlays.folders(of: paths ?? []), cached: !forAuthors)
        var files: [String] = []
        if let paths, !paths.isEmpty {
            for p in paths {
                if FileAccess.isDirectory(p) { files += FileAccess.files(in: p, extensions: ["yaml", "yml"]) } else { files.append(p) }
            }
        } else {
            for folder in folders {
                let found = try FileAccess.listFiles(in: folder, extensions: ["yaml", "yml"])
                if found.count > Limits.casesPerFolder {
                    throw .notAFile(path: folder, reason: "the folder has \(found.count) case files; SpineSim reads at most \(Limits.casesPerFolder) from one folder")
                }
                files += found
            }
        }
        var scenarios: [Scenario] = []
        var diagnostics: [Diagnostic] = []
        var invalid: [String] = []
        var byID: [String: String] = [:]
        for file in files {
            let text: String
            do { text = try FileAccess.readText(file, limit: Limits.caseFileBytes, what: "a case file") } catch {
                diagnostics.append(Diagnostic(path: file, line: 1, column: 1, message: Self.readProblem(error)))
                invalid.append(file)
                continue
            }
            if let misplaced = MisplacedCatalogue.diagnostic(text: text, path: file) {
                diagnostics.append(misplaced)
                invalid.append(file)
                continue
            }
            let loaded = ScenarioLoader.load(text: text, path: file, catalogue: catalogue, leakWarnings: forAuthors)
            diagnostics += loaded.diagnostics
            guard let scenario = loaded.scenario else { invalid.append(file); continue }
            if forAuthors {
                diagnostics += DefaultContradictions.warnings(scenario, catalogue: catalogue, text: text, path: file)
                diagnostics += ClaimCheck.warnings(scenario, catalogue: catalogue, text: text, path: file)
                diagnostics += PanelIndication.warnings(scenario, catalogue: catalogue, text: text, path: file)
            }
            if let other = byID[scenario.id] {
                diagnostics.append(Diagnostic(path: file, line: 1, column: 1,
                                              message: "duplicate id '\(scenario.id)': \(other) already uses it; ids must be unique"))
                invalid.append(file)
                continue
            }
            let base = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
            if base != scenario.id {
                diagnostics.append(Diagnostic(path: file, line: 1, column: 1, severity: .warning,
                                              message: "file name '\(base)' differs from id '\(scenario.id)'; name the file \(scenario.id).yaml"))
            }
            byID[scenario.id] = file
            scenarios.append(scenario)
        }
        scenarios.sort { $0.id < $1.id }
        return ScenarioLibrary(catalogue: catalogue, scenarios: scenarios, diagnostics: diagnostics, invalidFiles: invalid, folders: folders)
    }

    /// Why a case file could not be read, for its diagnostic (which names the file itself).
    static func readProblem(_ error: CLIError) -> String {
        if case let .fileTooLarge(_, limit, what) = error {
            return "the file is larger than \(CLIError.size(limit)), the most SpineSim reads for \(what)"
        }
        return "cannot read the file"
    }

    /// A scenario by id, list number (1-based), or opaque case reference.
    public func scenario(named name: String) -> Scenario? {
        if let n = Int(name), n >= 1, n <= scenarios.count { return scenarios[n - 1] }
        return scenarios.first { $0.id == name } ?? scenarios.first { $0.opaqueReference == name }
    }

    /// The scenario a transcript belongs to: `--scenario` first, then its header.
    public func scenario(for transcript: Transcript, path: String, override: String?) throws(CLIError) -> Scenario {
        if let override {
            guard let s = scenario(named: override) else { throw .scenarioNotFound(override, available: scenarios.map(\.id)) }
            return s
        }
        if let id = transcript.metadata["scenario"] {
            guard let s = scenarios.first(where: { $0.id == id }) else {
                throw .scenarioNotFound(id, available: scenarios.map(\.id))
            }
            return s
        }
        if let ref = transcript.metadata["case"] {
            guard let s = scenarios.first(where: { $0.opaqueReference == ref || $0.id == ref }) else {
                throw .unknownCaseReference(path: path, reference: ref)
            }
            return s
        }
        throw .transcriptHasNoScenario(path: path)
    }
}

/// A library's cases found through its index and parsed one by one, the first time each is
/// asked for. A parsed case is immutable and shared by every session and every worker, so a
/// batch loads each case it uses once, and no case it does not use.
public final class CaseStore: @unchecked Sendable {
    public let catalogue: Catalogue
    public let index: CaseIndex
    // Guards `opened`: workers grading at once may ask for the same case.
    private let lock = NSLock()
    private var opened: [String: Result<Scenario, CLIError>] = [:]
    // Also guarded by `lock`: each case's grading plan, built the first time it is graded.
    private var plans: [String: GradingPlan] = [:]

    /// Where parsed cases are kept between runs (`SnapshotCache`); nil: each is parsed.
    let cacheFolder: String?

    public init(catalogue: Catalogue, index: CaseIndex, cacheFolder: String? = nil) {
        self.catalogue = catalogue
        self.index = index
        self.cacheFolder = cacheFolder
    }

    /// The catalogue and the index of the cases in the scenario folders (see `ScenarioLibrary.folders`).
    public static func open(extraFolders: [String]) throws(CLIError) -> CaseStore {
        let folders = ScenarioLibrary.folders(extra: extraFolders)
        let catalogue = try ScenarioLibrary.loadCatalogue(folders: folders, cached: true)
        return CaseStore(catalogue: catalogue, index: CaseIndex.build(folders: folders, cache: CaseIndexCache.user()),
                         cacheFolder: SnapshotCache.folder(environment: ProcessInfo.processInfo.environment))
    }

    /// The files parsed so far, sorted.
    public var openedPaths: [String] {
        lock.lock()
        defer { lock.unlock() }
        return opened.keys.sorted()
    }

    /// The grading plan of `scenario` (one of this store's cases), built the first time it is
    /// asked for and shared by every worker after that.
    public func plan(for scenario: Scenario) -> GradingPlan {
        lock.lock()
        defer { lock.unlock() }
        if let plan = plans[scenario.id] { return plan }
        let plan = GradingPlan(scenario: scenario, catalogue: catalogue)
        plans[scenario.id] = plan
        return plan
    }

    /// The case of an index entry, parsed on first use; a file with errors gives them all.
    public func scenario(_ entry: CaseIndex.Entry) throws(CLIError) -> Scenario {
        lock.lock()
        defer { lock.unlock() }
        if let done = opened[entry.path] { return try done.get() }
        let result = Result { () throws(CLIError) -> Scenario in try load(entry) }
        opened[entry.path] = result
        return try result.get()
    }

    /// A case from the start-up cache when it was made by this program from the same file
    /// and catalogue; else parsed (and then cached).
    private func load(_ entry: CaseIndex.Entry) throws(CLIError) -> Scenario {
        let cache = cacheFolder.map { SnapshotCache(folder: $0, kind: "cases", source: entry.path) }
        let key = cache.flatMap { _ in SnapshotCache.key(kind: "case", inputs: [entry.path], extra: [catalogue.sha256]) }
        if let cache, let key, let bytes = cache.load(key: key), let scenario = try? Scenario(snapshot: bytes), scenario.id == entry.id {
            return scenario
        }
        let scenario = try Self.parse(entry, catalogue: catalogue)
        if let cache, let key { cache.save(scenario.snapshot(), key: key) }
        return scenario
    }

    private static func parse(_ entry: CaseIndex.Entry, catalogue: Catalogue) throws(CLIError) -> Scenario {
        let text = try FileAccess.readText(entry.path)
        // Only errors are shown here, so the leak check's warnings are not worked out.
        let loaded = ScenarioLoader.load(text: text, path: entry.path, catalogue: catalogue, leakWarnings: false)
        guard let scenario = loaded.scenario else {
            let errors = loaded.diagnostics.filter { $0.severity == .error }
            let head = "\(entry.path): error: the case '\(entry.id)' failed to load (\(errors.count) error\(errors.count == 1 ? "" : "s"), below); fix them, then run 'spinesim validate \(entry.path)'"
            throw .scenarioInvalid(path: entry.path, diagnostics: [head] + errors.map(\.description))
        }
        guard scenario.id == entry.id else {
            throw .scenarioInvalid(path: entry.path, diagnostics: [
                Diagnostic(path: entry.path, line: 1, column: 1,
                           message: "the case's id reads as '\(entry.id)' in the list but '\(scenario.id)' in full; write 'id:' as plain text").description,
            ])
        }
        return scenario
    }

    /// A case by list number (from 1), id, or opaque case reference.
    public func scenario(named name: String) throws(CLIError) -> Scenario {
        guard let entry = index.entry(named: name) else { throw .scenarioNotFound(name, available: index.ids) }
        return try scenario(entry)
    }

    /// The case a transcript belongs to: `--scenario` first, then its header.
    public func scenario(for transcript: Transcript, path: String, override: String?) throws(CLIError) -> Scenario {
        if let override { return try scenario(named: override) }
        if let id = transcript.metadata["scenario"] {
            guard let entry = index.entry(id: id) else { throw .scenarioNotFound(id, available: index.ids) }
            return try scenario(entry)
        }
        if let ref = transcript.metadata["case"] {
            guard let entry = index.entry(reference: ref) ?? index.entry(id: ref) else {
                throw .unknownCaseReference(path: path, reference: ref, unreadable: index.entries.filter { $0.problem != nil }.map(\.path))
            }
            return try scenario(entry)
        }
        throw .transcriptHasNoScenario(path: path)
    }
}
