extension Session {
    /// A fresh session with every line of `transcript` handled in order: the one replay path
    /// that `grade`, `play --resume` and `replay` share. `observe` sees each line with the
    /// clock when it was typed and the session's response, for callers that show them.
    public static func replaying(
        _ transcript: Transcript, scenario: Scenario, catalogue: Catalogue, options: SessionOptions,
        observe: (_ line: Transcript.Line, _ typedAt: Minutes, _ response: Response) -> Void = { _, _, _ in }
    ) -> Session {
        var session = Session(scenario: scenario, catalogue: catalogue, options: options)
        for line in transcript.lines {
            let typedAt = session.now
            let response = session.handle(line.text, lineNumber: line.number)
            observe(line, typedAt, response)
        }
        return session
    }
}
