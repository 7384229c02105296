/// A body-system or kind group of one list (`# @group: Imaging` in `catalogue.yaml`), for
/// help and completion to page through a large list.
public struct CatalogueGroup: Sendable, Equatable {
    public var name: String
    /// Codes in catalogue order.
    public var codes: [String]
}

extension Catalogue {
    /// The `# @group: NAME` marker in force at each entry of each list of the catalogue's
    /// text, groups in order of first appearance (a name used twice in a list is one group).
    static func readGroups(_ yaml: String) -> [ItemKind: [CatalogueGroup]] {
        var out: [ItemKind: [CatalogueGroup]] = [:]
        var kind: ItemKind?
        var group: String?
        let headings = ItemKind.allCases.map { ($0, "\($0.listKey):") }
        for rawLine in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if let k = headings.first(where: { rawLine == $0.1 })?.0 {
                kind = k
                group = nil
                continue
            }
            if !rawLine.hasPrefix(" "), !rawLine.hasPrefix("#"), !rawLine.isEmpty { kind = nil }
            let trimmed = rawLine.trimmingWhitespace
            if trimmed.hasPrefix("# @group:") {
                group = String(trimmed.dropFirst("# @group:".count)).trimmingWhitespace
                continue
            }
            guard let kind, let group else { continue }
            for prefix in ["- code: ", "- {code: "] where trimmed.hasPrefix(prefix) {
                let code = String(trimmed.dropFirst(prefix.count).prefix { $0 != "," && $0 != "}" && $0 != " " })
                if let index = out[kind]?.firstIndex(where: { $0.name == group }) {
                    out[kind]?[index].codes.append(code)
                } else {
                    out[kind, default: []].append(CatalogueGroup(name: group, codes: [code]))
                }
            }
        }
        return out
    }

    /// The groups of a list; one group of every code when the catalogue marks none.
    public func groups(_ kind: ItemKind) -> [CatalogueGroup] {
        if let marked = groupsByKind[kind], !marked.isEmpty { return marked }
        return [CatalogueGroup(name: kind.listKey, codes: codes(kind))]
    }
}
