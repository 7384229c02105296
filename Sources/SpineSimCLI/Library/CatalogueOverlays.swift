import Foundation
import SpineSimCore

/// Case folders' own catalogue additions: `DIR/catalogue/catalogue.yaml`,
/// `DIR/catalogue/diagnoses.yaml` and `DIR/catalogue/ladders/*.yaml` in any scenario folder
/// other than the bundled one, merged into the bundled catalogue (`CatalogueLoader.overlay`).
enum CatalogueOverlays {
    /// The bundled catalogue with every overlay of `folders` merged in, in folder order.
    static func load(base: Catalogue, folders: [String], bundled: String?) throws(CLIError) -> Catalogue {
        var catalogue = base
        let bundledPath = bundled.map { URL(fileURLWithPath: $0).standardized.path }
        var seen = Set<String>()
        for folder in folders {
            let standard = URL(fileURLWithPath: folder).standardized.path
            guard standard != bundledPath, seen.insert(standard).inserted else { continue }
            let dir = (folder as NSString).appendingPathComponent("catalogue")
            guard FileAccess.isDirectory(dir) else { continue }
            func file(_ name: String) throws(CLIError) -> (text: String, path: String)? {
                let path = (dir as NSString).appendingPathComponent(name)
                guard FileAccess.exists(path) else { return nil }
                return (try FileAccess.readText(path), path)
            }
            let catalogueFile = try file("catalogue.yaml")
            let diagnosesFile = try file("diagnoses.yaml")
            let interactionsFile = try file("interactions.yaml")
            var ladders: [(text: String, path: String)] = []
            for path in FileAccess.files(in: (dir as NSString).appendingPathComponent("ladders"), extensions: ["yaml", "yml"]) {
                ladders.append((try FileAccess.readText(path), path))
            }
            guard catalogueFile != nil || diagnosesFile != nil || interactionsFile != nil || !ladders.isEmpty else { continue }
            do {
                catalogue = try CatalogueLoader.overlay(catalogue, catalogue: catalogueFile, diagnoses: diagnosesFile, ladders: ladders,
                                                        interactions: interactionsFile)
            } catch {
                throw .catalogueInvalid(error.diagnostics.map(\.description))
            }
        }
        return catalogue
    }

    /// The folders whose overlays apply when `paths` are validated: each folder named, and
    /// the folder of each file named.
    static func folders(of paths: [String]) -> [String] {
        paths.map { FileAccess.isDirectory($0) ? $0 : ($0 as NSString).deletingLastPathComponent }
            .map { $0.isEmpty ? "." : $0 }
    }
}
