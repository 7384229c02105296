import Yams

/// A name for several codes of one list that a clinician orders together (`examine neuro`,
/// `order sepsis-screen`): the command stands for every code in `expands`, in that order,
/// and says what it expanded to.
public struct CataloguePanel: Sendable, Equatable {
    public var kind: ItemKind
    public var code: String
    public var name: String
    public var aliases: [String]
    public var expands: [String]

    /// "neurological examination of the legs: lower limb power, lower limb reflexes, ..."
    public func expansionLine(in catalogue: Catalogue) -> String {
        "\(name): " + expands.map { catalogue.item(kind, $0)?.name ?? $0 }.joined(separator: ", ")
    }
}

extension CatalogueLoader {
    /// The `panels` of `catalogue.yaml`, checked against the loaded catalogue: every code a
    /// panel expands to must exist in the panel's list, and a panel's code and aliases must
    /// not be a code or alias of that list (or of another panel of it). `load` runs the same
    /// checks, so a catalogue that loads has valid panels.
    public static func panels(catalogueText: String, cataloguePath: String, catalogue: Catalogue) throws(LoadFailure) -> [CataloguePanel] {
        var reader = YAMLReader(path: cataloguePath)
        guard let root = reader.parse(catalogueText) else { throw LoadFailure(reader.diagnostics) }
        let panels = readPanels(root, catalogue: catalogue, reader: &reader)
        if reader.hasErrors { throw LoadFailure(reader.diagnostics) }
        return panels
    }

    static func readPanels(_ root: Node, catalogue: Catalogue, reader: inout YAMLReader) -> [CataloguePanel] {
        guard let node = root.mapping?.first(where: { $0.key.scalar?.string == "panels" })?.value else { return [] }
        var panels: [CataloguePanel] = []
        var seen: [ItemKind: [String: String]] = [:]
        for entry in reader.sequence(node, in: "panels") {
            guard let f = reader.fields(entry, in: "panel", allowed: ["code", "verb", "name", "aliases", "expands"],
                                        required: ["code", "verb", "name", "expands"]),
                  let code = f["code"].flatMap({ reader.nonEmptyString($0, in: "panel code") }),
                  let verbText = f["verb"].flatMap({ reader.string($0, in: "\(code).verb") }) else { continue }
            if !isKebab(code) { reader.error(f["code"], "panel code '\(code)' must be kebab-case") }
            guard let kind = Verb(rawValue: verbText)?.itemKind, verbText != "stop", verbText != "admit" else {
                reader.error(f["verb"], "\(code).verb must be ask, examine, order, give, advise, refer or perform, not '\(verbText)'")
                continue
            }
            let name = f["name"].flatMap { reader.nonEmptyString($0, in: "\(code).name") } ?? code
            let aliases = f["aliases"].map { reader.stringList($0, in: "\(code).aliases").map { $0.lowercased() } } ?? []
            for word in [code] + aliases {
                if word.contains(" ") { reader.error(f["aliases"], "\(code): '\(word)' has a space; use hyphens") }
                if let owner = catalogue.code(kind, word) {
                    reader.error(entry, "panel '\(code)': '\(word)' already names the \(kind.listKey) entry '\(owner)'")
                } else if let other = seen[kind]?[word] {
                    reader.error(entry, "panel '\(code)': '\(word)' already names the panel '\(other)'")
                } else {
                    seen[kind, default: [:]][word] = code
                }
            }
            let expands = f["expands"].map { reader.stringList($0, in: "\(code).expands") } ?? []
            if expands.count < 2 { reader.error(f["expands"], "panel '\(code)' must expand to at least two codes") }
            var codes: [String] = []
            for word in expands {
                guard let target = catalogue.code(kind, word) else {
                    let hint = Suggestions.phrase(Suggestions.closest(to: word, among: catalogue.codes(kind)))
                    reader.error(f["expands"], "panel '\(code)': '\(word)' is not a \(kind.listKey) code\(hint)")
                    continue
                }
                if target != word { reader.warning(f["expands"], "panel '\(code)': '\(word)' is an alias; write the code '\(target)'") }
                if !codes.contains(target) { codes.append(target) }
            }
            panels.append(CataloguePanel(kind: kind, code: code, name: name, aliases: aliases, expands: codes))
        }
        return panels
    }
}
