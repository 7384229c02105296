import Foundation
import Testing
@testable import SpineSimCLI
import SpineSimCore

/// `spinesim new`: a starter case that validates and passes `check`, listing every default.
@Suite struct NewCommandTests {
    @Test func theStarterValidatesPassesCheckAndListsEveryDefault() throws {
        let dir = try temporaryDirectory()
        let env = ["SPINESIM_SCENARIOS": ""]
        let made = try runSpineSim(["new", "starter-case", "--setting", "emergency-department", "--title", "Back pain, 40-year-old man",
                                    "--dir", dir], environment: env)
        #expect(made.status == 0, "\(made.stderr)")
        let path = dir + "/starter-case.yaml"
        let validate = try runSpineSim(["validate", path], environment: env)
        #expect(validate.status == 0 && validate.stdout.contains("1 valid, 0 with errors (0 errors, 0 warnings)"), "\(validate.stdout)\(validate.stderr)")
        let check = try runSpineSim(["check", path], environment: env)
        #expect(check.stdout.contains("2 passed, 0 failed"), "\(check.stdout)")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("title: \"Back pain, 40-year-old man\""))
        // Every question and examination default is listed for the author to confirm.
        let catalogue = try Repo.lib().catalogue
        for kind in [ItemKind.question, .examination] {
            for item in catalogue.items[kind] ?? [] {
                guard let answer = item.defaultText else { continue }
                #expect(text.contains("#   \(item.code): \(NewCommand.quoted(answer))"), "\(item.code) not listed")
            }
        }
        let again = try runSpineSim(["new", "starter-case", "--setting", "primary-care", "--dir", dir], environment: env)
        #expect(again.status == 2 && again.stderr.contains("already exists"))
    }

    @Test func validateWarnsWhereADefaultContradictsTheCase() throws {
        let catalogue = try Repo.lib().catalogue
        var text = NewCommand.starter(id: "febrile", setting: .primaryCare, title: nil, catalogue: catalogue)
        text = text.replacingOccurrences(of: "temperature: 36.8", with: "temperature: 38.9")
            .replacingOccurrences(of: "- mechanical-low-back-pain   #", with: "- spinal-metastasis   #")
        let scenario = try ScenarioLoader.loadOrThrow(text: text, path: "febrile.yaml", catalogue: catalogue)
        let warnings = DefaultContradictions.warnings(scenario, catalogue: catalogue, text: text, path: "febrile.yaml")
        #expect(warnings.map { $0.message.components(separatedBy: "'")[1] } == ["ask fever", "ask weight-loss", "ask night-sweats", "order ct-guided-biopsy"])
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let questions = warnings.filter { $0.message.contains("'ask ") }
        #expect(questions.allSatisfy { $0.severity == .warning && $0.line == lines.firstIndex { $0.hasPrefix("history:") }.map { $0 + 1 } })
        // A result to write is located at the case's `results:` key.
        #expect(warnings.last?.line == lines.firstIndex { $0.hasPrefix("results:") }.map { $0 + 1 })
        // Written answers silence them.
        let answered = text.replacingOccurrences(of: "  onset: TODO how and when it started.\n",
                                                 with: "  onset: TODO how and when it started.\n  fever: \"Yes.\"\n  weight-loss: \"No.\"\n  night-sweats: \"No.\"\n")
        let quiet = try ScenarioLoader.loadOrThrow(text: answered, path: "febrile.yaml", catalogue: catalogue)
        #expect(DefaultContradictions.warnings(quiet, catalogue: catalogue, text: answered, path: "febrile.yaml").map(\.message)
            .allSatisfy { $0.contains("'order ct-guided-biopsy'") })
    }
}
