import Yams

/// The keys of a scenario file that say which case it is (`id`, `title`, `setting`,
/// `difficulty`, `tags`), read from the top level of its YAML without parsing the rest. The
/// case index is built from these, so that listing the cases does not parse every case.
public struct ScenarioHeader: Sendable, Equatable {
    public var id: String?
    public var title: String?
    public var setting: String?
    public var difficulty: String?
    public var tags: [String]?

    public init(id: String? = nil, title: String? = nil, setting: String? = nil, difficulty: String? = nil, tags: [String]? = nil) {
        self.id = id
        self.title = title
        self.setting = setting
        self.difficulty = difficulty
        self.tags = tags
    }

    static let keys: Set<String> = ["id", "title", "setting", "difficulty", "tags"]

    /// The header in `text`. When `text` is only the start of a file (`complete` false), nil
    /// unless every key was found whole in it (the caller then reads the whole file). Throws
    /// when a key's value is not YAML text or a list of text.
    public static func read(_ text: String, complete: Bool) throws(LoadFailure) -> ScenarioHeader? {
        var raw: [String: String] = [:]
        var current: String?
        // Line by line over the bytes ("\r\n" is one character), stopping once every key has
        // been read whole: the header is at the top of every bundled case.
        let bytes = text.utf8
        var start = bytes.startIndex
        while start < bytes.endIndex {
            let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n"))
            // A partial text may end in the middle of a line.
            if newline == nil, !complete { break }
            let lineBytes = bytes[start..<(newline ?? bytes.endIndex)]
            start = newline.map { bytes.index(after: $0) } ?? bytes.endIndex
            let line = lineBytes.last == UInt8(ascii: "\r") ? Substring(lineBytes).dropLast() : Substring(lineBytes)
            guard let first = line.first else { continue }
            // Indented lines, and a block list's `- ` items, continue the key above them.
            if first == " " || first == "\t" || line.hasPrefix("- ") || line == "-" {
                if let key = current { raw[key, default: ""] += "\n" + line }
                continue
            }
            current = nil
            if raw.count == keys.count { break }
            if first == "#" { continue }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = String(line[..<colon])
            if keys.contains(key), raw[key] == nil {
                current = key
                raw[key] = String(line[line.index(after: colon)...])
            }
        }
        // In a partial text, a key at the very end may go on past it.
        if !complete, current != nil || Set(raw.keys) != keys { return nil }
        var header = ScenarioHeader()
        for (key, value) in raw {
            let parsed = try parse(value, key: key)
            switch key {
            case "id": header.id = parsed.text
            case "title": header.title = parsed.text
            case "setting": header.setting = parsed.text
            case "difficulty": header.difficulty = parsed.text
            default: header.tags = parsed.list ?? parsed.text.map { [$0] }
            }
        }
        return header
    }

    private enum Value {
        case text(String)
        case list([String])
        var text: String? { if case .text(let s) = self { return s }; return nil }
        var list: [String]? { if case .list(let l) = self { return l }; return nil }
    }

    /// A plain one-line value or flow list is read here; anything else (quotes, block
    /// scalars, block lists) goes to the YAML parser.
    private static func parse(_ raw: String, key: String) throws(LoadFailure) -> Value {
        let value = trimmed(raw)
        if !value.utf8.contains(UInt8(ascii: "\n")) {
            if let plain = plainScalar(value) { return .text(plain) }
            if value.hasPrefix("["), value.hasSuffix("]") {
                let items = value.dropFirst().dropLast().split(separator: ",").map(trimmed)
                let plain = items.compactMap(plainScalar)
                if plain.count == items.count { return .list(plain) }
            }
        }
        let node: Node?
        do { node = try Yams.compose(yaml: "v:" + raw, .basic) } catch {
            throw LoadFailure([Diagnostic(path: "", line: 1, column: 1, message: "'\(key)' is not valid YAML")])
        }
        if let inner = node?.mapping?["v"] {
            if let items = inner.sequence { return .list(items.compactMap(\.string)) }
            if let s = inner.string { return .text(s) }
        }
        throw LoadFailure([Diagnostic(path: "", line: 1, column: 1, message: "'\(key)' should be text")])
    }

    private static func trimmed<S: StringProtocol>(_ text: S) -> String {
        var s = Substring(text)
        while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" { s.removeLast() }
        return String(s)
    }

    /// A one-line plain YAML scalar holding nothing a YAML parser would read differently.
    private static func plainScalar(_ value: String) -> String? {
        // A first character that starts another kind of YAML node.
        guard let first = value.utf8.first, !"'\"[]{}>|&*!%@`#,?-:".utf8.contains(first) else { return nil }
        // ": " would start a mapping and " #" a comment.
        var previous: UInt8 = 0
        for byte in value.utf8 {
            if previous == UInt8(ascii: ":"), byte == UInt8(ascii: " ") { return nil }
            if previous == UInt8(ascii: " "), byte == UInt8(ascii: "#") { return nil }
            previous = byte
        }
        return previous == UInt8(ascii: ":") ? nil : value
    }
}
