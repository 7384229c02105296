extension Session {
    /// A fresh session with every line of `transcript` handled in order: the one replay path
    /// that `grade`, `play --resume` and `replay` share. `observe` sees each line with the
    /// clock when it was typed and the session's response, for callers that show them.
    public static func replaying(
        _ transcript: Transcript, scenario: Scenario, catalogue: Catalogue, options: SessionOptions,
        observe: (_ line: Transcript.Line, _ typedAt: Minutes, _ response: Response) -> Void = { _, _, _ in }
    ) -> Session {
        var session = Session(scenario: scenario, catalogue: catalogue, options: options)
        var kept = transcript.rejected[...]
        for line in transcript.lines {
            while let r = kept.first, r.number < line.number {
                observe(r, session.now, session.noteRejected(r.text, lineNumber: r.number))
                kept = kept.dropFirst()
            }
            let typedAt = session.now
            let response = session.handle(line.text, lineNumber: line.number)
            observe(line, typedAt, response)
        }
        for r in kept { observe(r, session.now, session.noteRejected(r.text, lineNumber: r.number)) }
        return session
    }

    /// Logs a line the transcript keeps as rejected, without carrying it out: the reason is
    /// the parser's today (or, should the line now be understood, that it was rejected when
    /// typed), so grading lists it and changes nothing else.
    public mutating func noteRejected(_ text: String, lineNumber: Int) -> Response {
        let reason: String
        if case .rejected(let rejection) = parser.parse(text) {
            reason = rejection.message
        } else if ended {
            reason = Phrasing.caseEnded
        } else {
            reason = "rejected when typed (not carried out)"
        }
        let lines = [OutputLine(.rejected, reason)]
        log.append(LogEntry(line: lineNumber, t: now, text: text, command: nil, rejection: reason, response: lines))
        return Response(lines: lines, accepted: false)
    }
}
