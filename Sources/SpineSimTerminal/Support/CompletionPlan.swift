/// What Tab does to the line, decided from a ``Completion`` without touching the terminal.
public enum CompletionAction: Sendable, Equatable {
    /// Delete `deleteCount` Unicode scalars before the cursor (libedit counts wide
    /// characters, one per scalar), then insert `text`.
    case edit(deleteCount: Int, insert: String)
    /// Nothing more can be inserted: show these candidates below the line.
    case list([String])
    /// No candidate: beep.
    case beep
}

/// The pure part of Tab completion: longest common prefixes and what to insert.
public enum CompletionPlan {
    /// The longest prefix, in whole `Character`s, that all `words` share; "" for no words.
    public static func longestCommonPrefix<S: Sequence>(_ words: S) -> String where S.Element == String {
        var iterator = words.makeIterator()
        guard let first = iterator.next() else { return "" }
        var prefix = Substring(first)
        while let word = iterator.next(), !prefix.isEmpty {
            var end = prefix.startIndex
            var other = word.startIndex
            while end < prefix.endIndex, other < word.endIndex, prefix[end] == word[other] {
                end = prefix.index(after: end)
                other = word.index(after: other)
            }
            prefix = prefix[..<end]
        }
        return String(prefix)
    }

    /// What Tab should do with `completion` when `lineBeforeCursor` is the text before
    /// the cursor.
    ///
    /// - One candidate: complete it and add a space (`exa` → `examine `).
    /// - Several: insert their longest common prefix when that adds something
    ///   (`straight` → `straight-leg-raise` … `crossed`, say); otherwise list them.
    /// - None: beep.
    ///
    /// The word typed is replaced rather than extended when a candidate differs from it
    /// in more than the missing end (a completer that ignores case turns `ES` into `esr`).
    /// Duplicate candidates count once.
    public static func action(for completion: Completion, lineBeforeCursor: String) -> CompletionAction {
        var seen = Set<String>()
        let candidates = completion.candidates.filter { !$0.isEmpty && seen.insert($0).inserted }
        guard !candidates.isEmpty else { return .beep }
        let length = max(0, min(completion.replaceLength, lineBeforeCursor.count))
        let typed = String(lineBeforeCursor.suffix(length))

        if candidates.count == 1, let only = candidates.first {
            return replacing(typed, with: only + " ")
        }
        let common = longestCommonPrefix(candidates)
        if common.count > typed.count {
            return replacing(typed, with: common)
        }
        return .list(candidates)
    }

    /// The smallest edit that turns `typed` (just before the cursor) into `replacement`.
    static func replacing(_ typed: String, with replacement: String) -> CompletionAction {
        if replacement.hasPrefix(typed) {
            return .edit(deleteCount: 0, insert: String(replacement.dropFirst(typed.count)))
        }
        return .edit(deleteCount: typed.unicodeScalars.count, insert: replacement)
    }
}
