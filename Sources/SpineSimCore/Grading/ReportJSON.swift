extension GradeReport {
    /// The contract's JSON object (section 6), fields in the contract's order, then extras.
    public var json: JSONValue {
        .object([
            ("scenario", .string(scenarioID)),
            ("transcript", .string(transcript)),
            ("score", .number(score)),
            ("max_score", .number(maxScore)),
            ("passed", .bool(passed)),
            ("critical_errors", .array(criticalErrors.map { .string($0) })),
            ("diagnosis", .object([
                ("given", diagnosisGiven.map { .string($0) } ?? .null),
                ("correct", .bool(diagnosisCorrect)),
            ])),
            ("outcome", .string(outcome)),
            ("criteria", .array(criteria.map { c in
                .object([
                    ("id", .string(c.criterion.rawValue)),
                    ("score", .number(c.score)),
                    ("max_score", .number(c.maxScore)),
                    ("feedback", .array(c.feedback.map { .string($0) })),
                    ("references", .array(c.references.map { .string($0) })),
                ])
            })),
            ("rejected", .array(rejected.map { r in
                .object([("line", .integer(r.line)), ("text", .string(r.text)), ("reason", .string(r.reason))])
            })),
            ("events", .array(events.map { e in
                .object([("t_min", .integer(e.tMin)), ("command", .string(e.command)), ("response", .string(e.response))])
            })),
            ("items", .array(items.map { i in
                .object([
                    ("id", .string(i.id)),
                    ("tier", .string(i.tier.rawValue)),
                    ("criterion", .string(i.criterion.rawValue)),
                    ("met", .bool(i.met)),
                    ("points", .number(i.points)),
                    ("t_min", i.tMin.map { .integer($0) } ?? .null),
                ])
            })),
            ("pass_mark", .number(passMark)),
            ("fail_reasons", .array(failReasons.map { .string($0) })),
            ("provenance", .object([
                ("spinesim", .string(provenance.version)),
                ("scenario_sha256", .string(provenance.scenarioSHA256)),
                ("catalogue_sha256", .string(provenance.catalogueSHA256)),
                ("seed", .integer(Int(truncatingIfNeeded: provenance.seed))),
                ("student", provenance.student.map { .string($0) } ?? .null),
            ] + catalogueFilesField)),
        ])
    }
}

extension GradeReport {
    /// `catalogue_files` in the provenance, only when a folder's catalogue overlay was used,
    /// so that a report of the bundled catalogue alone keeps its earlier shape.
    var catalogueFilesField: [(String, JSONValue)] {
        guard !provenance.catalogueFiles.isEmpty else { return [] }
        return [("catalogue_files", .array(provenance.catalogueFiles.map { file in
            .object([("name", .string(file.name)), ("sha256", .string(file.sha256))])
        }))]
    }
}
