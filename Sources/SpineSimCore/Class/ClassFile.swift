import Yams

/// A class served over SSH: who may connect (the roster and their public keys), which
/// cases they may play and how (practice, assignments, exams), and where attempts are kept.
/// Loaded from YAML by ``ClassFileLoader``; paths are as written (the shell resolves them
/// against the class file's folder).
public struct ClassFile: Sendable {
    public var path: String
    /// The class's id (kebab-case), written into gradebook rows and key comments.
    public var id: String
    public var title: String
    /// More scenario folders, as written.
    public var caseFolders: [String]
    /// Where transcripts, attempt records and the gradebook go, as written.
    public var spool: String
    /// Grade each assignment or exam attempt when it ends, into the spool's gradebook.
    public var gradeAtEnd: Bool
    public var students: [Student]
    /// Practice mode: nil when the class offers no practice; `cases` nil means every case found.
    public var practice: Practice?
    public var assignments: [Assignment]
    public var exams: [Exam]

    public struct Student: Sendable, Equatable {
        public var id: String
        public var name: String
        public var keys: [PublicKey]
    }

    /// An OpenSSH public key, checked to be one key of a known type and nothing else.
    public struct PublicKey: Sendable, Equatable {
        public var type: String
        public var base64: String
    }

    /// A case named in the class file, with where it was named (for errors found later).
    public struct CaseName: Sendable, Equatable {
        public var name: String
        public var line: Int
        public var column: Int
    }

    public struct Practice: Sendable {
        public var cases: [CaseName]?
    }

    public struct Assignment: Sendable {
        public var id: String
        public var cases: [CaseName]
        /// Seconds since 1970 (UTC) after which no attempt starts or continues.
        public var due: Int?
    }

    public struct Exam: Sendable {
        public var id: String
        public var cases: [CaseName]
        /// The wall-clock time limit of one attempt, in minutes.
        public var minutes: Int
        /// Seconds since 1970 (UTC): the exam can be started from `opens` until `closes`.
        public var opens: Int?
        public var closes: Int?
        /// Exam is open at `now` (seconds since 1970).
        public func isOpen(at now: Int) -> Bool {
            (opens.map { now >= $0 } ?? true) && (closes.map { now < $0 } ?? true)
        }
    }

    public func student(_ id: String) -> Student? { students.first { $0.id == id } }

    /// Every case named anywhere in the file.
    public var namedCases: [CaseName] {
        (practice?.cases ?? []) + assignments.flatMap(\.cases) + exams.flatMap(\.cases)
    }
}

/// Reads a class file, reporting every problem at its line and column.
public enum ClassFileLoader {
    /// Key types OpenSSH accepts in authorized_keys that a student may hold.
    public static let keyTypes: Set<String> = [
        "ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
        "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com",
    ]

    public static func load(text: String, path: String) -> (file: ClassFile?, diagnostics: [Diagnostic]) {
        var reader = YAMLReader(path: path)
        guard let root = reader.parse(text) else { return (nil, reader.diagnostics) }
        guard let top = reader.fields(root, in: "class file",
                                      allowed: ["class", "title", "case_folders", "spool", "grade_at_end", "roster",
                                                "practice", "assignments", "exams"],
                                      required: ["class", "spool", "roster"]) else { return (nil, reader.diagnostics) }
        var file = ClassFile(path: path, id: "", title: "", caseFolders: [], spool: "", gradeAtEnd: false,
                             students: [], practice: nil, assignments: [], exams: [])
        if let node = top["class"], let id = reader.nonEmptyString(node, in: "class") {
            if isSafeID(id) { file.id = id } else { reader.error(node, "class id '\(id)' must be letters, digits, '-', '_' or '.' (at most 64), starting with a letter or digit") }
        }
        file.title = top["title"].flatMap { reader.nonEmptyString($0, in: "title") } ?? file.id
        if let node = top["case_folders"] { file.caseFolders = reader.stringList(node, in: "case_folders") }
        if let node = top["spool"], let spool = reader.nonEmptyString(node, in: "spool") { file.spool = spool }
        if let node = top["grade_at_end"], let b = reader.bool(node, in: "grade_at_end") { file.gradeAtEnd = b }
        if let node = top["roster"] { file.students = roster(node, reader: &reader) }
        if let node = top["practice"] {
            if let all = node.scalar?.string.lowercased(), ["all", "true", "yes"].contains(all) {
                file.practice = .init(cases: nil)
            } else if let all = node.scalar?.string.lowercased(), ["false", "no", "none"].contains(all) {
                file.practice = nil
            } else if node.scalar != nil {
                reader.error(node, "practice must be 'all', 'none' or a list of cases")
            } else {
                file.practice = .init(cases: caseNames(node, in: "practice", reader: &reader))
            }
        }
        var modeIDs: [String: Node] = ["practice": root]
        if let node = top["assignments"] {
            for item in reader.sequence(node, in: "assignments") {
                guard let f = reader.fields(item, in: "assignment", allowed: ["id", "cases", "due"], required: ["id", "cases"]) else { continue }
                guard let id = modeID(f, modeIDs: &modeIDs, reader: &reader) else { continue }
                let cases = f["cases"].map { caseNames($0, in: "assignment '\(id)' cases", reader: &reader) } ?? []
                let due = f["due"].flatMap { time($0, in: "assignment '\(id)' due", reader: &reader) }
                file.assignments.append(.init(id: id, cases: cases, due: due))
            }
        }
        if let node = top["exams"] {
            for item in reader.sequence(node, in: "exams") {
                guard let f = reader.fields(item, in: "exam", allowed: ["id", "cases", "minutes", "opens", "closes"],
                                            required: ["id", "cases", "minutes"]) else { continue }
                guard let id = modeID(f, modeIDs: &modeIDs, reader: &reader) else { continue }
                let cases = f["cases"].map { caseNames($0, in: "exam '\(id)' cases", reader: &reader) } ?? []
                let minutes = f["minutes"].flatMap { reader.int($0, in: "exam '\(id)' minutes", range: 1...1440) } ?? 0
                let opens = f["opens"].flatMap { time($0, in: "exam '\(id)' opens", reader: &reader) }
                let closes = f["closes"].flatMap { time($0, in: "exam '\(id)' closes", reader: &reader) }
                if let opens, let closes, closes <= opens, let node = f["closes"] {
                    reader.error(node, "exam '\(id)' closes before it opens")
                }
                file.exams.append(.init(id: id, cases: cases, minutes: minutes, opens: opens, closes: closes))
            }
        }
        if file.practice == nil, file.assignments.isEmpty, file.exams.isEmpty {
            reader.error(root, "the class offers nothing: add 'practice: all', an assignment or an exam")
        }
        return (reader.hasErrors ? nil : file, reader.diagnostics)
    }

    /// Ids that can go into a forced command and a file name unquoted.
    public static func isSafeID(_ id: String) -> Bool {
        guard let first = id.utf8.first, id.utf8.count <= 64, isAlnum(first) else { return false }
        return id.utf8.allSatisfy { isAlnum($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }
    }

    private static func isAlnum(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
    }

    private static func modeID(_ f: Fields, modeIDs: inout [String: Node], reader: inout YAMLReader) -> String? {
        guard let node = f["id"], let id = reader.nonEmptyString(node, in: "id") else { return nil }
        guard isSafeID(id) else {
            reader.error(node, "id '\(id)' must be letters, digits, '-', '_' or '.', starting with a letter or digit")
            return nil
        }
        if modeIDs[id] != nil {
            reader.error(node, "id '\(id)' is used twice (or is 'practice'); each assignment and exam needs its own id")
            return nil
        }
        modeIDs[id] = node
        return id
    }

    private static func caseNames(_ node: Node, in context: String, reader: inout YAMLReader) -> [ClassFile.CaseName] {
        let items = node.scalar != nil ? [node] : reader.sequence(node, in: context)
        let names: [ClassFile.CaseName] = items.compactMap { item in
            guard let name = reader.nonEmptyString(item, in: context) else { return nil }
            return .init(name: name, line: item.mark?.line ?? 1, column: item.mark?.column ?? 1)
        }
        if names.isEmpty { reader.error(node, "\(context): name at least one case") }
        return names
    }

    private static func roster(_ node: Node, reader: inout YAMLReader) -> [ClassFile.Student] {
        var students: [ClassFile.Student] = []
        var ids: Set<String> = []
        var keyOwners: [String: String] = [:]
        for item in reader.sequence(node, in: "roster") {
            guard let f = reader.fields(item, in: "student", allowed: ["id", "name", "keys"], required: ["id", "keys"]),
                  let idNode = f["id"], let id = reader.nonEmptyString(idNode, in: "student id") else { continue }
            guard isSafeID(id) else {
                reader.error(idNode, "student id '\(id)' must be letters, digits, '-', '_' or '.' (at most 64), starting with a letter or digit")
                continue
            }
            guard ids.insert(id).inserted else {
                reader.error(idNode, "student id '\(id)' appears twice in the roster")
                continue
            }
            let name = f["name"].flatMap { reader.nonEmptyString($0, in: "student '\(id)' name") } ?? id
            var keys: [ClassFile.PublicKey] = []
            if let keysNode = f["keys"] {
                for keyNode in (keysNode.scalar != nil ? [keysNode] : reader.sequence(keysNode, in: "student '\(id)' keys")) {
                    guard let text = reader.nonEmptyString(keyNode, in: "student '\(id)' key") else { continue }
                    switch publicKey(text) {
                    case .success(let key):
                        if let owner = keyOwners[key.base64] {
                            reader.error(keyNode, "this key is already \(owner)'s; each key belongs to one student")
                        } else {
                            keyOwners[key.base64] = id
                            keys.append(key)
                        }
                    case .failure(let problem):
                        reader.error(keyNode, "student '\(id)': \(problem.message)")
                    }
                }
                if keys.isEmpty, !reader.hasErrors { reader.error(keysNode, "student '\(id)' has no public key; add the line from their id_ed25519.pub") }
            }
            students.append(.init(id: id, name: name, keys: keys))
        }
        return students
    }

    public struct KeyProblem: Error, Sendable { public var message: String }

    /// Parses `TYPE BASE64 [COMMENT]` as in an `id_ed25519.pub` file. The comment is dropped;
    /// the blob must be base64 whose first field names the same key type.
    public static func publicKey(_ text: String) -> Result<ClassFile.PublicKey, KeyProblem> {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        let usage = "a public key is one line 'TYPE BASE64 [comment]', as in the student's id_ed25519.pub"
        guard words.count >= 2 else { return .failure(.init(message: usage)) }
        let type = words[0], blob = words[1]
        guard keyTypes.contains(type) else {
            return .failure(.init(message: "'\(type.prefix(40))' is not a key type this server accepts (\(keyTypes.sorted().joined(separator: ", "))); \(usage)"))
        }
        guard let bytes = Base64.decode(blob), bytes.count >= 4 else {
            return .failure(.init(message: "the key's second word is not base64; \(usage)"))
        }
        let length = Int(bytes[0]) << 24 | Int(bytes[1]) << 16 | Int(bytes[2]) << 8 | Int(bytes[3])
        guard bytes.count >= 4 + length, String(decoding: bytes[4..<(4 + length)], as: UTF8.self) == type else {
            return .failure(.init(message: "the key's data does not match its type '\(type)'; copy the whole line again"))
        }
        return .success(.init(type: type, base64: blob))
    }

    /// `YYYY-MM-DDTHH:MM[:SS](Z|±HH:MM)` (a space may stand for the T) as seconds since 1970.
    static func time(_ node: Node, in context: String, reader: inout YAMLReader) -> Int? {
        guard let s = reader.nonEmptyString(node, in: context) else { return nil }
        guard let seconds = parseTime(s) else {
            reader.error(node, "\(context): '\(s)' is not a date and time; write 2026-12-12T17:00Z (UTC) or 2026-12-12T17:00+01:00")
            return nil
        }
        return seconds
    }

    public static func parseTime(_ s: String) -> Int? {
        let c = Array(s.utf8)
        func num(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= c.count else { return nil }
            var v = 0
            for b in c[from..<(from + count)] {
                guard b >= 0x30, b <= 0x39 else { return nil }
                v = v * 10 + Int(b - 0x30)
            }
            return v
        }
        guard c.count >= 17, c[4] == UInt8(ascii: "-"), c[7] == UInt8(ascii: "-"),
              c[10] == UInt8(ascii: "T") || c[10] == UInt8(ascii: " "), c[13] == UInt8(ascii: ":"),
              let year = num(0, 4), let month = num(5, 2), let day = num(8, 2), let hour = num(11, 2), let minute = num(14, 2),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60 else { return nil }
        var i = 16
        var second = 0
        if i < c.count, c[i] == UInt8(ascii: ":") {
            guard let s = num(i + 1, 2), s < 60 else { return nil }
            second = s
            i += 3
        }
        var offset = 0
        if i == c.count - 1, c[i] == UInt8(ascii: "Z") {
            offset = 0
        } else if i + 6 == c.count, c[i] == UInt8(ascii: "+") || c[i] == UInt8(ascii: "-"), c[i + 3] == UInt8(ascii: ":"),
                  let oh = num(i + 1, 2), let om = num(i + 4, 2) {
            offset = (oh * 60 + om) * 60 * (c[i] == UInt8(ascii: "+") ? 1 : -1)
        } else {
            return nil
        }
        // Days from the civil date (Howard Hinnant's algorithm).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146097 + doe - 719468
        return days * 86400 + hour * 3600 + minute * 60 + second - offset
    }
}

/// Standard base64 decoding (no line breaks), for checking public keys.
enum Base64 {
    static func decode(_ text: String) -> [UInt8]? {
        var out: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        var padding = 0
        for c in text.utf8 {
            let v: UInt32
            switch c {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): v = UInt32(c - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): v = UInt32(c - UInt8(ascii: "a")) + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = UInt32(c - UInt8(ascii: "0")) + 52
            case UInt8(ascii: "+"): v = 62
            case UInt8(ascii: "/"): v = 63
            case UInt8(ascii: "="): padding += 1; continue
            default: return nil
            }
            if padding > 0 { return nil }
            buffer = buffer << 6 | v
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8((buffer >> UInt32(bits)) & 0xFF))
            }
        }
        guard padding <= 2, (text.utf8.count % 4) == 0 || padding == 0 else { return nil }
        return out
    }
}
