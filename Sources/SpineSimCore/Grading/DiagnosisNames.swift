/// Diagnoses as a trainee may name them: folded text, or any name of the same list entry.
public struct DiagnosisNames: Sendable {
    let folded: Set<String>
    let codes: Set<String>

    public init(_ names: [String], catalogue: Catalogue) {
        folded = Set(names.map(\.folded))
        codes = Set(names.compactMap { catalogue.diagnosis(matching: $0)?.code })
    }

    /// Whether free text names one of these diagnoses (by code, name or alias).
    public func contain(_ text: String, catalogue: Catalogue) -> Bool {
        if folded.contains(text.folded) { return true }
        return catalogue.diagnosis(matching: text).map { codes.contains($0.code) } ?? false
    }
}
