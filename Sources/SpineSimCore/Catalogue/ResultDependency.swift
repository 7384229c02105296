import Yams

/// A shared timing rule: acts that are planned on a result (a decompression on the imaging
/// that confirms the compression) count only once one of `needs` has been returned in the
/// session, not merely ordered. Acting before the result has arrived is acting without it.
/// Catalogue data (`result_dependencies:`); a rubric item's `after_result` overrides it for
/// the acts that item names.
public struct ResultDependency: Sendable {
    public var id: String
    /// The acts that depend on the result.
    public var acts: [ActionPattern]
    /// Test codes: any one of their results returned is enough.
    public var needs: [String]
    /// Acting before the result is a critical error (operating without imaging, say).
    public var critical: Bool
    /// Points lost under safety when not critical.
    public var points: Double
    /// Why the act depends on the result, shown after what happened.
    public var feedback: String
    public var reference: String

    public init(id: String, acts: [ActionPattern], needs: [String], critical: Bool, points: Double, feedback: String, reference: String) {
        self.id = id
        self.acts = acts
        self.needs = needs
        self.critical = critical
        self.points = points
        self.feedback = feedback
        self.reference = reference
    }
}

extension CatalogueLoader {
    /// Reads `result_dependencies:` once the items are known (its patterns name them).
    static func readResultDependencies(_ node: Node, into catalogue: inout Catalogue, reader: inout YAMLReader) {
        for entry in reader.sequence(node, in: "result_dependencies") {
            guard let f = reader.fields(entry, in: "result dependency", allowed: ["id", "acts", "needs", "critical", "points", "feedback", "reference"],
                                        required: ["id", "acts", "needs", "feedback", "reference"]),
                  let id = f["id"].flatMap({ reader.nonEmptyString($0, in: "result dependency id") }) else { continue }
            let ctx = "result dependency '\(id)'"
            let acts = f["acts"].map { LadderLoader.patterns($0, "\(ctx) acts", reader: &reader, catalogue: catalogue) } ?? []
            var needs: [String] = []
            for code in f["needs"].map({ reader.stringList($0, in: "\(ctx).needs") }) ?? [] {
                if let test = catalogue.item(.test, code) { needs.append(test.code) } else {
                    reader.error(f["needs"], "\(ctx).needs: unknown test '\(code)'; name the tests whose results the acts must follow")
                }
            }
            catalogue.resultDependencies.append(ResultDependency(
                id: id, acts: acts, needs: needs,
                critical: f["critical"].flatMap { reader.bool($0, in: "\(ctx).critical") } ?? false,
                points: f["points"].flatMap { reader.number($0, in: "\(ctx).points") } ?? 2,
                feedback: f["feedback"].flatMap { reader.nonEmptyString($0, in: "\(ctx).feedback") } ?? "",
                reference: f["reference"].flatMap { reader.nonEmptyString($0, in: "\(ctx).reference") } ?? ""))
        }
    }
}
