/// What one read from the user produced.
public enum LineInput: Sendable, Equatable {
    /// A line the user entered, without its newline.
    case line(String)
    /// The user pressed Ctrl-C: the line being typed was discarded and the session goes on.
    case interrupted
    /// No more input: Ctrl-D on an empty line, end of a piped file, or a termination
    /// signal (see ``LineEditor/terminationRequested``).
    case endOfInput
}

/// The answer of a completion function for the text before the cursor.
public struct Completion: Sendable, Equatable {
    /// Whole words, any of which may replace the word being typed.
    public var candidates: [String]
    /// How many characters (Swift `Character`s) immediately before the cursor the
    /// candidates replace: usually the length of the partial word typed so far.
    public var replaceLength: Int

    /// Creates a completion answer.
    public init(candidates: [String], replaceLength: Int) {
        self.candidates = candidates
        self.replaceLength = replaceLength
    }

    /// No candidates: Tab beeps.
    public static let none = Completion(candidates: [], replaceLength: 0)
}

/// Reads command lines from the user, with or without line editing.
public protocol LineReader: AnyObject {
    /// Shows `prompt` (when the reader shows prompts) and reads one line.
    func readLine(prompt: String) -> LineInput
    /// Records a line the user entered so that it can be recalled later.
    func addHistory(_ line: String)
}
