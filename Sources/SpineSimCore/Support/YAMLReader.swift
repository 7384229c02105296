import CYaml
import Yams

/// Reads a YAML document into Yams nodes and walks them with location-aware checks,
/// collecting every problem as a `Diagnostic` instead of stopping at the first.
struct YAMLReader {
    let path: String
    private(set) var diagnostics: [Diagnostic] = []

    /// Largest document accepted; scenario files are a few kilobytes.
    static let maximumBytes = Limits.caseFileBytes

    init(path: String) { self.path = path }

    /// Parses text into a root node, or returns nil after recording why it could not.
    mutating func parse(_ text: String) -> Node? {
        if text.utf8.count > YAMLReader.maximumBytes {
            error(line: 1, column: 1, "file is larger than \(YAMLReader.maximumBytes / 1_000_000) MB; a scenario file should be a few kilobytes")
            return nil
        }
        if let (line, column, problem) = YAMLReader.firstRefusedEvent(in: text) {
            error(line: line, column: column, problem)
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

    /// Deepest nesting of lists and mappings accepted (composing recurses once a level).
    static let maximumDepth = 64

    /// Reads the document's parser events (libyaml's, which Yams composes nodes from) without
    /// composing anything, and finds the first thing SpineSim refuses: an anchor or alias (a
    /// small file could expand enormously), an explicit tag (`!x`, `!!str`: a file never needs
    /// one, and they make every node costly), or nesting deeper than `maximumDepth`. Syntax
    /// errors are left to `compose`, which describes them.
    static func firstRefusedEvent(in text: String) -> (Int, Int, String)? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer -> (Int, Int, String)? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            var depth = 0
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                defer { yaml_event_delete(&event) }
                let line = Int(event.start_mark.line) + 1, column = Int(event.start_mark.column) + 1
                var anchor: UnsafeMutablePointer<yaml_char_t>?
                var tag: UnsafeMutablePointer<yaml_char_t>?
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return nil
                case YAML_ALIAS_EVENT:
                    let name = event.data.alias.anchor.map { String(cString: $0) } ?? ""
                    return (line, column, "YAML anchors and aliases ('*\(name)') are not allowed in SpineSim files; write the value out in full")
                case YAML_SCALAR_EVENT:
                    anchor = event.data.scalar.anchor
                    tag = event.data.scalar.tag
                case YAML_SEQUENCE_START_EVENT:
                    anchor = event.data.sequence_start.anchor
                    tag = event.data.sequence_start.tag
                    depth += 1
                case YAML_MAPPING_START_EVENT:
                    anchor = event.data.mapping_start.anchor
                    tag = event.data.mapping_start.tag
                    depth += 1
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    depth -= 1
                default:
                    break
                }
                if let anchor {
                    return (line, column, "YAML anchors and aliases ('&\(String(cString: anchor))') are not allowed in SpineSim files; write the value out in full")
                }
                if let tag {
                    return (line, column, "YAML tags ('\(String(cString: tag))') are not allowed in SpineSim files; remove the tag")
                }
                if depth > maximumDepth {
                    return (line, column, "lists and mappings are nested more than \(maximumDepth) deep; a SpineSim file needs a few levels")
                }
            }
        }
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
        guard abs(value) <= Limits.caseNumber else {
            error(node, "\(context) is \(s); numbers in case files must be between -\(Int(Limits.caseNumber)) and \(Int(Limits.caseNumber))")
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
        guard minutes <= Limits.caseDurationMinutes else {
            error(node, "\(context): '\(s)' is longer than a year (52w), the longest duration a case file may give")
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
