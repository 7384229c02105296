/// Errors the command line reports as one line on standard error, with exit status 1
/// (a domain failure) or 2 (a usage error).
public enum CLIError: Error, CustomStringConvertible, Sendable {
    case fileUnreadable(path: String, reason: String)
    case fileExists(path: String)
    case fileTooLarge(path: String, limit: Int, what: String)
    case limitExceeded(path: String, line: Int, what: String)
    case transcriptLocked(path: String, holder: String)
    case notAFile(path: String, reason: String)
    case outputFailed(reason: String)
    case catalogueInvalid([String])
    case scenarioNotFound(String, available: [String])
    case scenarioInvalid(path: String, diagnostics: [String])
    case transcriptHasNoScenario(path: String)
    case unknownCaseReference(path: String, reference: String, unreadable: [String] = [])
    case cannotWrite(path: String, reason: String)
    case usage(String)
    case failures(Int)

    public var description: String {
        switch self {
        case let .fileUnreadable(path, reason):
            return "\(path): error: cannot read the file (\(reason)); check the path"
        case let .fileExists(path):
            return "\(path): error: the transcript already exists; use --resume \(path) to continue it, or choose another --transcript"
        case let .fileTooLarge(path, limit, what):
            return "\(path): error: the file is larger than \(Self.size(limit)), the most SpineSim reads for \(what); check the path"
        case let .limitExceeded(path, line, what):
            return "\(path):\(line):1: error: \(what)"
        case let .transcriptLocked(path, holder):
            return "\(path): error: another session is writing this transcript (\(holder)); finish that session first, or choose another --transcript"
        case let .notAFile(path, reason):
            return "\(path): error: \(reason)"
        case let .outputFailed(reason):
            return "error: could not write the output (\(reason)); nothing more was written"
        case let .catalogueInvalid(lines):
            return lines.joined(separator: "\n")
        case let .scenarioNotFound(name, available):
            let hint = available.isEmpty ? "" : "; run 'spinesim list' to see the cases"
            return "error: no case '\(name)'\(hint)"
        case let .scenarioInvalid(_, diagnostics):
            return diagnostics.joined(separator: "\n")
        case let .transcriptHasNoScenario(path):
            return "\(path):1:1: error: the transcript names no case; add '# scenario: ID' at the top or pass --scenario ID"
        case let .unknownCaseReference(path, reference, unreadable) where !unreadable.isEmpty:
            // The case may be one of the files that could not be read.
            return "\(path):1:1: error: case reference '\(reference)' matches no case that loaded; "
                + "\(unreadable.count == 1 ? "this case file failed" : "these case files failed") to load: \(unreadable.joined(separator: ", ")); run 'spinesim validate' on \(unreadable.count == 1 ? "it" : "them") and fix the errors"
        case let .unknownCaseReference(path, reference, _):
            return "\(path):1:1: error: case reference '\(reference)' matches no case found; pass --scenario ID or --scenarios DIR"
        case let .cannotWrite(path, reason):
            return "\(path): error: cannot write (\(reason))"
        case let .usage(message):
            return "error: \(message)"
        case let .failures(count):
            return "\(count) problem\(count == 1 ? "" : "s") found"
        }
    }

    /// `20 MB`, `2 MB`, `500 kB`.
    static func size(_ bytes: Int) -> String {
        bytes >= 1_000_000 ? "\(bytes / 1_000_000) MB" : "\(bytes / 1000) kB"
    }

    /// 2 for usage errors, 1 for everything else.
    public var exitStatus: Int32 {
        if case .usage = self { return 2 }
        return 1
    }
}
