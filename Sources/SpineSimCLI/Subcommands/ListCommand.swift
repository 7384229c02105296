import ArgumentParser
import SpineSimCore

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the cases found: number, neutral title, setting, difficulty (ids and tags with --instructor).")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Option(help: "text or json (json has every key, for scripts).") var format: Format = .text
    @Flag(help: "Show case ids and tags.") var instructor = false
    @OptionGroup var library: LibraryOptions

    func run() throws {
        try reportingErrors { () throws(CLIError) -> Int32 in
            let lib = try library.load()
            for d in lib.diagnostics where d.severity == .error { printError(d.description) }
            switch format {
            case .json:
                let array = JSONValue.array(lib.scenarios.enumerated().map { i, s in
                    .object([
                        ("number", .integer(i + 1)),
                        ("id", .string(s.id)),
                        ("title", .string(s.title)),
                        ("setting", .string(s.setting.rawValue)),
                        ("difficulty", .string(s.difficulty.rawValue)),
                        ("tags", .array(s.tags.map { .string($0) })),
                    ])
                })
                print(array.rendered())
            case .text:
                print(CaseList.text(lib.scenarios, instructor: instructor))
            }
            return lib.invalidFiles.isEmpty ? 0 : 1
        }
    }
}

/// The numbered case list shown by `list` and the case picker.
enum CaseList {
    static func text(_ scenarios: [Scenario], instructor: Bool) -> String {
        if scenarios.isEmpty { return "No cases found. Add YAML files to Scenarios/ or pass --scenarios DIR." }
        var lines: [String] = []
        for (i, s) in scenarios.enumerated() {
            var line = "\(String(i + 1).leftPadded(to: 3)). \(s.title)  [\(s.setting.label), \(s.difficulty.rawValue)]"
            if instructor { line += "\n       id: \(s.id)  tags: \(s.tags.joined(separator: ", "))" }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
