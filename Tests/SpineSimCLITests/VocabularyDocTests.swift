import SpineSimCLI
import Foundation
import Testing
import SpineSimCore

/// `Docs/vocabulary.md` is generated from the bundled catalogue, so it cannot drift: this test
/// renders it again and fails when the file differs. Regenerate with
/// `SPINESIM_RECORD_VOCABULARY=1 swift test --filter VocabularyDocTests`.
@Suite struct VocabularyDocTests {
    static let docPath = "Docs/vocabulary.md"

    @Test func vocabularyDocIsUpToDate() throws {
        let catalogue = try Repo.lib().catalogue
        let yaml = try String(contentsOfFile: Repo.path("Scenarios/catalogue/catalogue.yaml"), encoding: .utf8)
        let rendered = try VocabularyDoc.render(catalogue: catalogue, catalogueYAML: yaml)
        if ProcessInfo.processInfo.environment["SPINESIM_RECORD_VOCABULARY"] == "1" {
            try rendered.write(toFile: Repo.path(Self.docPath), atomically: true, encoding: .utf8)
        }
        let onDisk = (try? String(contentsOfFile: Repo.path(Self.docPath), encoding: .utf8)) ?? ""
        let upToDate = onDisk == rendered
        #expect(upToDate, "\(Self.docPath) is out of date; regenerate it with SPINESIM_RECORD_VOCABULARY=1 swift test --filter VocabularyDocTests")
    }

    /// Every entry sits under an `# @group:` marker, so the document groups them all.
    @Test func everyEntryHasABodySystemGroup() throws {
        let yaml = try String(contentsOfFile: Repo.path("Scenarios/catalogue/catalogue.yaml"), encoding: .utf8)
        let groups = VocabularyDoc.groups(in: yaml)
        let catalogue = try Repo.lib().catalogue
        for kind in ItemKind.allCases {
            for code in catalogue.codes(kind) {
                #expect(groups[kind]?[code] != nil, "\(kind.listKey): '\(code)' has no '# @group:' line above it")
            }
        }
    }
}

/// Renders the catalogue as a searchable Markdown reference, one line a code.
enum VocabularyDoc {
    /// The `# @group: NAME` marker in force at each entry of each list of `catalogue.yaml`.
    static func groups(in yaml: String) -> [ItemKind: [String: String]] {
        var out: [ItemKind: [String: String]] = [:]
        var kind: ItemKind?
        var group: String?
        for rawLine in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(rawLine)
            if let k = ItemKind.allCases.first(where: { line == "\($0.listKey):" }) {
                kind = k
                group = nil
                continue
            }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("# @group:") {
                group = trimmed.dropFirst("# @group:".count).trimmingCharacters(in: .whitespaces)
                continue
            }
            guard let kind, let group else { continue }
            for prefix in ["- code: ", "- {code: "] where trimmed.hasPrefix(prefix) {
                let rest = trimmed.dropFirst(prefix.count)
                let code = String(rest.prefix { $0 != "," && $0 != "}" && $0 != " " })
                out[kind, default: [:]][code] = group
            }
        }
        return out
    }

    static let verbs: [(ItemKind, String, String)] = [
        (.question, "ask", "History questions"),
        (.examination, "examine", "Examination"),
        (.test, "order", "Tests: laboratory, bedside, imaging and tissue"),
        (.medicine, "give / stop", "Medicines"),
        (.advice, "advise", "Advice"),
        (.service, "refer / admit", "Services"),
        (.procedure, "perform", "Procedures"),
    ]

    static func render(catalogue: Catalogue, catalogueYAML: String) throws -> String {
        let groups = groups(in: catalogueYAML)
        var out = """
        # SpineSim vocabulary

        > Generated from `Scenarios/catalogue/catalogue.yaml` and `diagnoses.yaml` by
        > `Tests/SpineSimCLITests/VocabularyDocTests.swift`; do not edit by hand. After changing
        > the catalogue run `SPINESIM_RECORD_VOCABULARY=1 swift test --filter VocabularyDocTests`.

        Every code a trainee can type, by verb and then by body system or kind, one line a code:
        **code** — name — aliases (other words that mean the same code) — notes. Search this page
        for any word a trainee might type. Words in a command are case-insensitive; a multi-word
        name may be typed with spaces or hyphens (`order ct kub` = `order ct-kub`). The format of
        the catalogue is in `Docs/catalogue-format.md`.

        """
        var total = 0
        for (kind, verb, title) in verbs {
            let items = catalogue.items[kind] ?? []
            total += items.count
            out += "\n## \(verb): \(title.lowercased()) (\(items.count))\n"
            var order: [String] = []
            var byGroup: [String: [CatalogueItem]] = [:]
            for item in items {
                let group = groups[kind]?[item.code] ?? "Other"
                if byGroup[group] == nil { order.append(group) }
                byGroup[group, default: []].append(item)
            }
            for group in order {
                out += "\n### \(group)\n\n"
                for item in byGroup[group] ?? [] {
                    var parts = ["**\(item.code)**", item.name]
                    parts.append(item.aliases.isEmpty ? "—" : item.aliases.joined(separator: ", "))
                    let notes = notes(item)
                    if !notes.isEmpty { parts.append(notes) }
                    out += "- " + parts.joined(separator: " — ") + "\n"
                }
            }
        }
        let panels = try CatalogueLoader.panels(catalogueText: catalogueYAML, cataloguePath: "catalogue.yaml", catalogue: catalogue)
        out += "\n## Panels (\(panels.count))\n\n"
        out += "One name for several codes of one verb: the command does every code it expands to, in\n"
        out += "order, and says what it expanded to; the transcript keeps the line as typed.\n\n"
        for p in panels {
            let verb = verbs.first { $0.0 == p.kind }?.1 ?? p.kind.listKey
            out += "- **\(p.code)** (\(verb)) — \(p.name) — \(p.aliases.isEmpty ? "—" : p.aliases.joined(separator: ", ")) — expands to: \(p.expands.joined(separator: ", "))\n"
        }
        out += "\n## diagnose / differential: diagnoses (\(catalogue.diagnoses.count))\n\n"
        out += "Matched after folding case, hyphens and punctuation; aliases here may contain spaces.\n\n"
        for d in catalogue.diagnoses {
            out += "- **\(d.code)** — \(d.name) — \(d.aliases.isEmpty ? "—" : d.aliases.joined(separator: "; "))\n"
        }
        out += "\n\(total) codes in all.\n"
        return out
    }

    static func notes(_ item: CatalogueItem) -> String {
        var notes: [String] = []
        switch item.kind {
        case .test:
            if let kind = item.testKind { notes.append(kind) }
            if let t = item.turnaround {
                notes.append(t.routine == t.urgent ? DurationText.describe(t.routine)
                             : "\(DurationText.describe(t.routine)) routine, \(DurationText.describe(t.urgent)) urgent")
            }
            if !item.stages.isEmpty { notes.append("stages: " + item.stages.map(\.id).joined(separator: ", ")) }
        case .medicine:
            notes.append(item.routes.map(\.rawValue).joined(separator: "/"))
            if let usual = item.usual { notes.append("usual \(usual)") }
            if let max = item.maxDaily { notes.append("max \(max) a day") }
        case .procedure, .examination:
            if item.kind == .procedure || item.time != 2 { notes.append("\(item.time) min") }
        default:
            break
        }
        let classes = item.classes.sorted()
        if !classes.isEmpty { notes.append("classes: " + classes.joined(separator: ", ")) }
        return notes.joined(separator: "; ")
    }
}
