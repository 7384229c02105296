import Foundation
import Testing
@testable import SpineSimCLI
import SpineSimCore

/// Paths and the loaded bundled library, shared by the CLI tests.
enum Repo {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// The bundled scenarios, loaded once.
    static let library: Result<ScenarioLibrary, CLIError> = Result { () throws(CLIError) -> ScenarioLibrary in
        try ScenarioLibrary.load(extraFolders: [])
    }

    static func lib() throws -> ScenarioLibrary {
        switch library {
        case .success(let lib): return lib
        case .failure(let error): throw error
        }
    }

    /// A bundled case played line by line, each line expected to be accepted.
    static func played(_ id: String, _ lines: [String]) throws -> Session {
        let lib = try lib()
        let scenario = try #require(lib.scenarios.first { $0.id == id })
        var session = Session(scenario: scenario, catalogue: lib.catalogue)
        for (i, line) in lines.enumerated() {
            let response = session.handle(line, lineNumber: i + 1)
            #expect(response.accepted, "\(id): '\(line)' was refused: \(response.text)")
        }
        return session
    }

    /// A bundled case's transcript of `lines` replayed as `grade` replays it, and graded.
    static func graded(_ id: String, _ lines: [String], transcriptPath: String = "t.txt") throws -> GradeReport {
        let lib = try lib()
        let scenario = try #require(lib.scenarios.first { $0.id == id })
        let session = Grader.replay(Transcript.parse(lines.joined(separator: "\n") + "\n"), scenario: scenario, catalogue: lib.catalogue)
        return Grader.grade(session, context: .init(transcriptPath: transcriptPath))
    }

    /// The built `spinesim` binary (built by `swift build`, which the README's test command runs first).
    static var binary: String? {
        let candidates = [".build/debug/spinesim", ".build/release/spinesim"].map(path)
        if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) { return found }
        let build = root.appendingPathComponent(".build")
        let triples = (try? FileManager.default.contentsOfDirectory(atPath: build.path)) ?? []
        for t in triples {
            let p = build.appendingPathComponent(t).appendingPathComponent("debug/spinesim").path
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }
}

/// The result of running the binary.
struct ProcessResult {
    var status: Int32
    var stdout: String
    var stderr: String
    var seconds: Double
}

/// Runs the `spinesim` binary with arguments and optional standard input.
func runSpineSim(_ arguments: [String], input: String? = nil, environment: [String: String] = [:],
                 directory: String? = nil) throws -> ProcessResult {
    let binary = try #require(Repo.binary, "build the binary first: swift build")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    // The binary's case-index cache goes to a folder of the test run's own, not the user's.
    env["XDG_CACHE_HOME"] = FileManager.default.temporaryDirectory.appendingPathComponent("spinesim-test-cache-\(getpid())").path
    for (k, v) in environment { env[k] = v }
    process.environment = env
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let out = Pipe(), err = Pipe(), inPipe = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = inPipe
    let start = Date()
    try process.run()
    if let input { inPipe.fileHandleForWriting.write(Data(input.utf8)) }
    try inPipe.fileHandleForWriting.close()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ProcessResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self), seconds: Date().timeIntervalSince(start))
}

func temporaryDirectory() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spinesim-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.path
}
