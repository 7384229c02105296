@testable import SpineSimCore

/// Runs one grading rule alone over a session of a fixture case.
enum RuleFixtures {
    /// The grading context of `lines` played in the fixture case (or `yaml`).
    static func context(_ lines: [String], yaml: String = Fixtures.scenarioYAML) throws -> GradingContext {
        let session = try Fixtures.session(lines, yaml: yaml)
        return GradingContext(session: session, plan: GradingPlan(scenario: session.scenario, catalogue: session.catalogue))
    }

    /// What `rule` finds in `lines`, given the `earlier` findings of the rules before it.
    static func findings(_ rule: some GradingRule, _ lines: [String], yaml: String = Fixtures.scenarioYAML,
                         earlier: [Finding] = []) throws -> [Finding] {
        rule.findings(in: try context(lines, yaml: yaml), earlier: earlier)
    }
}
