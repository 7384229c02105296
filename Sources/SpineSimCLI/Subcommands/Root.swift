import ArgumentParser
import Foundation
import SpineSimCore

/// `spinesim`: the command-line entry point.
public struct SpineSimCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "spinesim",
        abstract: "SpineSim: a clinical simulator for learning to manage back and neck pain. A teaching tool, not for decisions about real patients.",
        version: SpineSimVersion.current,
        subcommands: [PlayCommand.self, ListCommand.self, GradeCommand.self, ValidateCommand.self,
                      CheckCommand.self, ReplayCommand.self, SessionCommand.self, ClassCommand.self, NewCommand.self]
    )

    public init() {}

    /// Runs the program with the contract's exit codes: usage errors 2, domain failures 1.
    public static func runMain() -> Never {
        do {
            var command = try parseAsRoot()
            try command.run()
            SafeOutput.exit(0)
        } catch let error as CLIError {
            printError(error.description)
            SafeOutput.exit(error.exitStatus)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                SafeOutput.exit(0)
            }
            let message = fullMessage(for: error)
            if !message.isEmpty { printError(message) }
            // ArgumentParser uses 64 (EX_USAGE) for usage errors; the contract says 2.
            let status = code.rawValue == 64 ? 2 : code.rawValue
            SafeOutput.exit(status)
        }
    }
}

/// Options every subcommand takes.
struct LibraryOptions: ParsableArguments {
    @Option(name: .customLong("scenarios"), help: ArgumentHelp("Another folder of scenario files (repeatable; also SPINESIM_SCENARIOS, colon-separated).", valueName: "DIR"))
    var folders: [String] = []

    @Flag(name: .customLong("no-color"), help: "No colour, even on a terminal (NO_COLOR does the same).")
    var noColor = false

    /// Every case parsed (for `validate` and `check`, which judge them all).
    func load(only paths: [String]? = nil) throws(CLIError) -> ScenarioLibrary {
        try ScenarioLibrary.load(extraFolders: folders, only: paths)
    }

    /// The catalogue and the index of the cases; each case is parsed when first asked for.
    func open() throws(CLIError) -> CaseStore {
        try CaseStore.open(extraFolders: folders)
    }

    /// The index of the cases alone.
    func index() throws(CLIError) -> CaseIndex {
        guard ScenarioLibrary.bundledFolder() != nil else { throw ScenarioLibrary.noBundledFolder }
        return CaseIndex.build(folders: ScenarioLibrary.folders(extra: folders), cache: CaseIndexCache.user())
    }
}

/// Runs a body that throws `CLIError`, turning the error into one line and an exit status.
func reportingErrors(_ body: () throws(CLIError) -> Int32) throws {
    let status: Int32
    do { status = try body() } catch {
        printError(error.description)
        throw ExitCode(error.exitStatus)
    }
    if status != 0 { throw ExitCode(status) }
}
