import Yams

/// Reads a YAML document into Yams nodes and walks them with location-aware checks,
/// collecting every problem as a `Diagnostic` instead of stopping at the first.
struct YAMLReader {
    let path: String
    private(set) var diagnostics: [Diagnostic] = []

    /// Largest document accepted; scenario files are a few kilobytes.
    static let maximumBytes = 2_000_000

    init(path: String) { self.path = path }

    /// Parses text into a root node, or returns nil after recording why it could not.
    mutating func parse(_ text: String) -> Node? {
        if text.utf8.count > YAMLReader.maximumBytes {
            error(line: 1, column: 1, "file is larger than \(YAMLReader.maximumBytes / 1_000_000) MB; a scenario file should be a few kilobytes")
            return nil
        }
        if let (line, column, token) = YAMLReader.firstAnchorOrAlias(in: text) {
            error(line: line, column: column, "YAML anchors and aliases ('\(token)') are not allowed in SpineSim files; write the value out in full")
            return nil
        }
        do {
            // The basic resolver tags every scalar as text: the reader parses numbers and flags
            // itself, and the default resolver's regular expressions took most of the time
            // loading the catalogue took at start-up.
            guard let node = try Yams.compose(yaml: text, .basic) else {
                error(line: 1, column: 1, "the file is empty; a scenario starts with 'id:'")
                return nil
            }
            return node
        } catch let yamlError as YamlError {
            let (line, column, problem) = YAMLReader.describe(yamlError, text: text)
            error(line: line, column: column, "YAML syntax: \(problem); check indentation and quoting near here")
            return nil
        } catch {
            self.error(line: 1, column: 1, "YAML could not be read: \(error)")
            return nil
        }
    }

    /// Finds an anchor (`&name`) or alias (`*name`) where a YAML node starts, without
    /// composing the document, so an alias bomb is refused before it can expand.
    /// Block-scalar text and quoted strings are skipped.
    static func firstAnchorOrAlias(in text: String) -> (Int, Int, String)? {
        // Every anchor starts with "&" and every alias with "*": most files have neither, and
        // need not be scanned line by line.
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "*") }) else { return nil }
        var lineNumber = 0
        var blockIndent: Int?
        for bytes in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            let raw = Substring(bytes)
            let indent = bytes.prefix { $0 == UInt8(ascii: " ") }.count
            let isBlank = bytes.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }
            if let b = blockIndent {
                if isBlank || indent > b { continue }
                blockIndent = nil
            }
            // Only a line with "&" or "*" can hold an anchor or alias; the others matter only
            // for where block text starts.
            if bytes.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "*") }),
               let (column, token) = anchorOrAlias(inLine: Array(raw), indent: indent) {
                return (lineNumber, column, token)
            }
            if startsBlockScalar(raw) { blockIndent = indent }
        }
        return nil
    }

    /// The column and text of the first anchor or alias in one line outside quotes and comments.
    private static func anchorOrAlias(inLine chars: [Character], indent: Int) -> (Int, String)? {
        var quote: Character?
        var previous: Character = " "
        var i = 0
        var lastSignificant: Character = " "
        while i < chars.count {
            let c = chars[i]
            if let q = quote {
                if c == q { quote = nil }
            } else if c == "#", previous == " " || previous == "\t" || i == 0 {
                break
            } else if c == "\"" || c == "'", previous == " " || previous == "[" || previous == "{" || previous == "," || i == indent {
                quote = c
            } else if (c == "&" || c == "*"), i + 1 < chars.count,
                      chars[i + 1].isLetter || chars[i + 1].isNumber || chars[i + 1] == "_" || chars[i + 1] == "-" {
                let atNodeStart = i == indent || ((previous == " " || "[{,".contains(previous)) && ":-[{,".contains(lastSignificant))
                    || "[{,".contains(previous)
                if atNodeStart {
                    let token = String(chars[i..<(chars[i...].firstIndex { $0 == " " || $0 == "," || $0 == "]" || $0 == "}" } ?? chars.count)])
                    return (i + 1, token)
                }
            }
            if c != " " { lastSignificant = c }
            previous = c
            i += 1
        }
        return nil
    }

    /// Whether a line ends with a block scalar indicator (`key: |`, `- >-`, a lone `|`).
    private static func startsBlockScalar(_ raw: Substring) -> Bool {
        // Every indicator ends in one of these; most lines end in a visible ASCII byte that is
        // not, and need no closer look (a non-ASCII end may be Unicode white space: look).
        let visible = raw.utf8.last { $0 != UInt8(ascii: " ") && !(0x09...0x0D).contains($0) }
        if let end = visible, end < 0x80, ![UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "-"), UInt8(ascii: "+")].contains(end) {
            return false
        }
        let trimmed = String(raw).trimmingWhitespace
        guard let last = trimmed.split(separator: " ").last, ["|", ">", "|-", ">-", "|+", ">+"].contains(String(last)) else {
            return false
        }
        return trimmed.contains(": ") || trimmed.hasPrefix("- ") || trimmed == String(last)
    }

    static func describe(_ error: YamlError, text: String) -> (Int, Int, String) {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let detail = context.map { "\($0.text) " } ?? ""
            return (mark.line, mark.column, detail + problem)
        case let .reader(problem, offset, _, _):
            var line = 1
            if let offset {
                line = 1 + text.utf8.prefix(offset).filter { $0 == UInt8(ascii: "\n") }.count
            }
            return (line, 1, problem)
        default:
            return (1, 1, "\(error)")
        }
    }

    // MARK: Diagnostics

    mutating func error(_ node: Node?, _ message: String) {
        let mark = node?.mark
        error(line: mark?.line ?? 1, column: mark?.column ?? 1, message)
    }

    mutating func warning(_ node: Node?, _ message: String) {
        let mark = node?.mark
        diagnostics.append(Diagnostic(path: path, line: mark?.line ?? 1, column: mark?.column ?? 1,
                                      severity: .warning, message: message))
    }

    mutating func error(line: Int, column: Int, _ message: String) {
        diagnostics.append(Diagnostic(path: path, line: line, column: column, message: message))
    }

    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    // MARK: Shapes

    /// Refuses anchors and aliases: an alias would let a small file expand enormously.
    private mutating func refuseAnchor(_ node: Node) -> Bool {
        if node.anchor != nil {
            error(node, "YAML anchors and aliases (&name, *name) are not allowed in SpineSim files; write the value out in full")
            return true
        }
        return false
    }

    /// A mapping's fields by key, checking for unknown, duplicate and missing keys.
    mutating func fields(_ node: Node, in context: String, allowed: [String], required: [String] = []) -> Fields? {
        if refuseAnchor(node) { return nil }
        guard let mapping = node.mapping else {
            error(node, "\(context) must be a mapping of keys to values (key: value)")
            return nil
        }
        var values: [String: Node] = [:]
        var keyNodes: [String: Node] = [:]
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else {
                error(keyNode, "\(context): keys must be plain words")
                continue
            }
            if values[key] != nil {
                error(keyNode, "\(context): duplicate key '\(key)'; each key may appear once")
                continue
            }
            if refuseAnchor(value) { continue }
            if !allowed.contains(key) {
                let hint = Suggestions.phrase(Suggestions.closest(to: key, among: allowed, limit: 2))
                error(keyNode, "\(context): unknown key '\(key)'\(hint) (allowed: \(allowed.joined(separator: ", ")))")
                continue
            }
            values[key] = value
            keyNodes[key] = keyNode
        }
        for key in required where values[key] == nil {
            error(node, "\(context): missing required key '\(key)'")
        }
        return Fields(node: node, values: values, keyNodes: keyNodes)
    }

    /// Every key/value pair of a mapping whose keys are free (codes, ids).
    mutating func pairs(_ node: Node, in context: String) -> [(key: String, keyNode: Node, value: Node)] {
        if refuseAnchor(node) { return [] }
        guard let mapping = node.mapping else {
            error(node, "\(context) must be a mapping (code: value)")
            return []
        }
        var seen = Set<String>()
        var out: [(String, Node, Node)] = []
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else {
                error(keyNode, "\(context): keys must be plain words")
                continue
            }
            if !seen.insert(key).inserted {
                error(keyNode, "\(context): duplicate key '\(key)'")
                continue
            }
            out.append((key, keyNode, value))
        }
        return out
    }

    mutating func sequence(_ node: Node, in context: String) -> [Node] {
        if refuseAnchor(node) { return [] }
        guard let items = node.sequence else {
            error(node, "\(context) must be a list (- item, or [a, b])")
            return []
        }
        return Array(items)
    }

    mutating func string(_ node: Node, in context: String) -> String? {
        if node.anchor != nil { _ = refuseAnchor(node); return nil }
        guard let scalar = node.scalar else {
            error(node, "\(context) must be text, not a list or mapping")
            return nil
        }
        return scalar.string
    }

    mutating func nonEmptyString(_ node: Node, in context: String) -> String? {
        guard let s = string(node, in: context) else { return nil }
        let trimmed = s.trimmingWhitespace
        if trimmed.isEmpty {
            error(node, "\(context) must not be empty")
            return nil
        }
        return trimmed
    }

    mutating func int(_ node: Node, in context: String, range: ClosedRange<Int>? = nil) -> Int? {
        guard let s = string(node, in: context) else { return nil }
        guard let value = Int(s.trimmingWhitespace) else {
            error(node, "\(context) must be a whole number, not '\(s)'")
            return nil
        }
        if let range, !range.contains(value) {
            error(node, "\(context) must be between \(range.lowerBound) and \(range.upperBound), not \(value)")
            return nil
        }
        return value
    }

    mutating func number(_ node: Node, in context: String) -> Double? {
        guard let s = string(node, in: context) else { return nil }
        guard let value = Double(s.trimmingWhitespace), value.isFinite else {
            error(node, "\(context) must be a number, not '\(s)'")
            return nil
        }
        return value
    }

    mutating func bool(_ node: Node, in context: String) -> Bool? {
        guard let s = string(node, in: context) else { return nil }
        switch s.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            error(node, "\(context) must be true or false, not '\(s)'")
            return nil
        }
    }

    mutating func duration(_ node: Node, in context: String) -> Minutes? {
        guard let s = string(node, in: context) else { return nil }
        guard let minutes = DurationText.parse(s.trimmingWhitespace) else {
            error(node, "\(context): '\(s)' is not a duration; write a number and a unit: 30m, 6h, 2d, 3w")
            return nil
        }
        return minutes
    }

    mutating func stringList(_ node: Node, in context: String) -> [String] {
        if node.scalar != nil, let single = string(node, in: context) { return [single] }
        return sequence(node, in: context).compactMap { nonEmptyString($0, in: context) }
    }

    /// Text or a list of alternative phrasings.
    mutating func phrasings(_ node: Node, in context: String) -> [String] {
        if node.sequence != nil {
            let list = stringList(node, in: context)
            if list.isEmpty { error(node, "\(context) must have at least one phrasing") }
            return list
        }
        return nonEmptyString(node, in: context).map { [$0] } ?? []
    }
}

/// A mapping's values by key, with the key nodes kept for locating errors.
struct Fields {
    let node: Node
    let values: [String: Node]
    let keyNodes: [String: Node]

    subscript(_ key: String) -> Node? { values[key] }
}

extension StringProtocol {
    var trimmingWhitespace: String {
        let string = String(self)
        // Fast path: nothing to trim when both ends are visible ASCII.
        if let head = string.utf8.first, let tail = string.utf8.last,
           (0x21..<0x7F).contains(head), (0x21..<0x7F).contains(tail) {
            return string
        }
        let scalars = string.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(string[first...last])
    }

    /// Folds case, hyphens, underscores and punctuation for loose matching of free text.
    /// `folded` for plain ASCII text, byte by byte (the common case, and much quicker).
    private var asciiFolded: String {
        // Written straight into the string's storage (no byte array to copy from); folding
        // never lengthens the text, so its own length is room enough.
        String(unsafeUninitializedCapacity: utf8.count) { buffer in
            var count = 0
            var lastSpace = true
            for byte in utf8 {
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    buffer[count] = byte; count += 1; lastSpace = false
                case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    buffer[count] = byte + 32; count += 1; lastSpace = false
                case UInt8(ascii: "'"):
                    continue
                default:
                    if !lastSpace { buffer[count] = UInt8(ascii: " "); count += 1; lastSpace = true }
                }
            }
            if count > 0, buffer[count - 1] == UInt8(ascii: " ") { count -= 1 }
            return count
        }
    }

    var folded: String {
        if utf8.allSatisfy({ $0 < 0x80 }) { return asciiFolded }
        return unicodeFolded
    }

    /// `folded` by characters and Unicode properties, for any text.
    var unicodeFolded: String {
        var out = ""
        var lastSpace = true
        for ch in lowercased() {
            if ch.isLetter || ch.isNumber {
                out.append(ch)
                lastSpace = false
            } else if ch == "'" || ch == "’" {
                continue
            } else if !lastSpace {
                out.append(" ")
                lastSpace = true
            }
        }
        if out.hasSuffix(" ") { out.removeLast() }
        return out
    }
}
