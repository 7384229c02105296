/// The rules of command history, kept apart from libedit and the disk so they can be
/// tested: one entry per line entered, the newest last, no duplicates, at most a limit.
public enum HistoryLog {
    /// The first line of a file written by libedit's own `H_SAVE`; skipped when loading.
    public static let libeditHeader = "_HiStOrY_V2_"

    /// `entries` after the user entered `line`: an older identical entry is removed
    /// (so consecutive duplicates fold and a repeated command moves to the end), the
    /// line is appended, and only the newest `limit` entries are kept. Blank lines are
    /// not recorded; surrounding whitespace is dropped and line breaks inside `line`
    /// become spaces.
    public static func adding(_ line: String, to entries: [String], limit: Int) -> [String] {
        let entry = normalized(line)
        guard limit > 0 else { return [] }
        guard !entry.isEmpty else { return capped(entries, limit: limit) }
        var result = entries.filter { $0 != entry }
        result.append(entry)
        return capped(result, limit: limit)
    }

    /// The newest `limit` entries of `entries`.
    public static func capped(_ entries: [String], limit: Int) -> [String] {
        guard limit > 0 else { return [] }
        return entries.count > limit ? Array(entries.suffix(limit)) : entries
    }

    /// Entries from history file text: one a line, blank lines skipped, a libedit
    /// header skipped, duplicates folded to their newest occurrence, capped at `limit`.
    public static func parse(_ text: String, limit: Int) -> [String] {
        var entries: [String] = []
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = String(raw)
            if entries.isEmpty, line == libeditHeader { continue }
            entries = appendingFolded(normalized(line), to: entries)
        }
        return capped(entries, limit: limit)
    }

    /// The text of a history file holding `entries`: one a line, each ended by `\n`.
    public static func serialize(_ entries: [String]) -> String {
        entries.map { normalized($0) + "\n" }.joined()
    }

    private static func appendingFolded(_ entry: String, to entries: [String]) -> [String] {
        guard !entry.isEmpty else { return entries }
        var result = entries
        if let old = result.firstIndex(of: entry) { result.remove(at: old) }
        result.append(entry)
        return result
    }

    /// One line, without surrounding whitespace (Tab completion leaves a trailing space;
    /// `ask onset ` and `ask onset` are the same command).
    private static func normalized(_ line: String) -> String {
        let flat = line.contains(where: \.isNewline) ? String(line.map { $0.isNewline ? " " : $0 }) : line
        guard let first = flat.firstIndex(where: { !$0.isWhitespace }),
              let last = flat.lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(flat[first...last])
    }
}
