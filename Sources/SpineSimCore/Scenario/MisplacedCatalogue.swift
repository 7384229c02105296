/// Catalogue files (catalogue, diagnoses, ladders) put among the cases of a folder, where
/// they would be read as cases and fail with a dozen "missing required key" errors.
public enum MisplacedCatalogue {
    /// A located error when `text` at `path` is a catalogue, diagnoses or ladder file rather
    /// than a case: by its name (`catalogue.yaml`, `diagnoses.yaml`) or by its top-level keys.
    public static func diagnostic(text: String, path: String) -> Diagnostic? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let base = name.split(separator: ".").first.map(String.init) ?? name
        // Top-level keys: lines that start with a word followed by a colon.
        var keys: [(key: String, line: Int)] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard let first = line.first, first.isLetter, let colon = line.firstIndex(of: ":") else { continue }
            keys.append((String(line[..<colon]), number + 1))
        }
        let names = Set(keys.map(\.key))
        if names.contains("id"), names.contains("title") { return nil }
        let kind: String
        let target: String
        if base == "catalogue" || names.contains("questions") || names.contains("medicines") || names.contains("services") {
            (kind, target) = ("a catalogue file", "catalogue/catalogue.yaml")
        } else if base == "diagnoses" || names.contains("diagnoses") {
            (kind, target) = ("a diagnoses file", "catalogue/diagnoses.yaml")
        } else if base == "interactions" || names.contains("interactions") {
            (kind, target) = ("an interactions file", "catalogue/interactions.yaml")
        } else if names.contains("rungs") || names.contains("red_flags") {
            (kind, target) = ("a ladder file", "catalogue/ladders/\(name)")
        } else {
            return nil
        }
        let line = keys.first?.line ?? 1
        return Diagnostic(path: path, line: line, column: 1,
                          message: "this is \(kind), not a case: a folder's catalogue additions belong in its catalogue/ subfolder; move it to \(target) beside the cases (see Docs/catalogue-format.md, 'Overlays')")
    }
}
