/// The largest inputs SpineSim accepts. Each is far above anything a real case, transcript or
/// report needs, and low enough that every cost stays small; past one, the input is refused
/// with a message naming the limit (Docs/commands.md, "Limits").
public enum Limits {
    /// A scenario, catalogue, diagnoses or ladder file (bytes).
    public static let caseFileBytes = 2_000_000
    /// A transcript file (bytes).
    public static let transcriptBytes = 20_000_000
    /// A cached catalogue snapshot (bytes); a larger one is ignored and the catalogue parsed.
    public static let snapshotBytes = 100_000_000
    /// A `--baseline` JSON report (bytes).
    public static let baselineBytes = 100_000_000
    /// One transcript line (bytes).
    public static let lineBytes = 10_000
    /// Command lines in one transcript.
    public static let transcriptLines = 200_000
    /// Case files in one folder.
    public static let casesPerFolder = 2_000
    /// A dose's amount, in its own unit (mg, g, mcg or units).
    public static let doseAmount = 1_000_000.0
    /// A number in a case file (points, ages, values), either side of zero.
    public static let caseNumber = 1_000_000.0
    /// A duration in a case file: one year, in minutes.
    public static let caseDurationMinutes = 365 * 24 * 60
    /// A score in a `--baseline` report, either side of zero.
    public static let baselineScore = 1_000_000.0
    /// Words longer than this get no "did you mean" suggestions (no vocabulary word comes close).
    public static let suggestionWordLength = 64
}
