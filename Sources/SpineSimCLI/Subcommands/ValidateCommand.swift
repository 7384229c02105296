import ArgumentParser
import SpineSimCore

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check scenario files; problems print as PATH:LINE:COLUMN: error: MESSAGE.")

    @Argument(help: "Scenario files or folders (default: every scenario found).") var paths: [String] = []
    @OptionGroup var library: LibraryOptions

    func run() throws {
        try reportingErrors { () throws(CLIError) -> Int32 in
            let lib = try library.load(only: paths)
            for d in lib.diagnostics { printError(d.description) }
            let errors = lib.diagnostics.filter { $0.severity == .error }.count
            let warnings = lib.diagnostics.count - errors
            let files = lib.scenarios.count + lib.invalidFiles.count
            print("\(files) file\(files == 1 ? "" : "s") checked: \(lib.scenarios.count) valid, \(lib.invalidFiles.count) with errors (\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")).")
            return lib.invalidFiles.isEmpty ? 0 : 1
        }
    }
}
