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
            // The index only: a case is parsed (and its errors found) when it is opened or validated.
            let index = try library.index()
            for d in index.diagnostics where d.severity == .error { printError(d.description) }
            switch format {
            case .json:
                let array = JSONValue.array(index.entries.enumerated().map { i, e in
                    .object([
                        ("number", .integer(i + 1)),
                        ("id", .string(e.id)),
                        ("title", .string(e.title)),
                        ("setting", e.setting.map { .string($0.rawValue) } ?? .null),
                        ("difficulty", e.difficulty.map { .string($0.rawValue) } ?? .null),
                        ("tags", .array(e.tags.map { .string($0) })),
                    ])
                })
                print(array.rendered())
            case .text:
                print(CaseList.text(index.entries, instructor: instructor))
            }
            return index.diagnostics.isEmpty ? 0 : 1
        }
    }
}

/// The numbered case list shown by `list` and the case picker.
enum CaseList {
    static func text(_ entries: [CaseIndex.Entry], instructor: Bool) -> String {
        if entries.isEmpty { return "No cases found. Add YAML files to Scenarios/ or pass --scenarios DIR." }
        var lines: [String] = []
        for (i, s) in entries.enumerated() {
            var line = "\(String(i + 1).leftPadded(to: 3)). \(s.title)"
            if s.problem == nil { line += "  [\(s.setting?.label ?? "setting?"), \(s.difficulty?.rawValue ?? "difficulty?")]" }
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
