import Foundation
import Testing

/// An instructor's own case folder (Tests/Fixtures/instructor-aaa): its case uses a service,
/// a procedure and a red-flag ladder of the folder's own `catalogue/`, and `validate`,
/// `check` and `grade` work on it with `--scenarios DIR` alone (no copy of the catalogue).
@Suite struct InstructorFolderTests {
    static let folder = Repo.path("Tests/Fixtures/instructor-aaa")
    static let environment = ["SPINESIM_SCENARIOS": ""]

    @Test func validateAndCheckUseTheFoldersCatalogue() throws {
        let validate = try runSpineSim(["validate", "--scenarios", Self.folder, Self.folder], environment: Self.environment)
        #expect(validate.status == 0, "\(validate.stderr)")
        #expect(validate.stdout.contains("1 file checked: 1 valid, 0 with errors"))
        let check = try runSpineSim(["check", "--scenarios", Self.folder, Self.folder], environment: Self.environment)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("4 passed, 0 failed"))
    }

    @Test func gradeRecordsEveryCatalogueFile() throws {
        let dir = try temporaryDirectory()
        let transcript = (dir as NSString).appendingPathComponent("t.txt")
        let play = try runSpineSim(["play", "instructor-leaking-aaa", "--scenarios", Self.folder, "--transcript", transcript],
                                   input: "examine abdomen\norder aortic-pocus\nrefer vascular-hub urgent\nperform mhp\ndiagnose aaa\nperform aaa-repair\nend\n",
                                   environment: Self.environment)
        #expect(play.status == 0, "\(play.stderr)")
        let grade = try runSpineSim(["grade", transcript, "--scenarios", Self.folder, "--format", "json"], environment: Self.environment)
        #expect(grade.status == 0, "\(grade.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(grade.stdout.utf8)) as? [String: Any])
        #expect(json["passed"] as? Bool == true)
        let provenance = try #require(json["provenance"] as? [String: Any])
        let files = try #require(provenance["catalogue_files"] as? [[String: String]])
        #expect(files.map { $0["name"] ?? "" } == ["bundled", "\(Self.folder)/catalogue/catalogue.yaml",
                                                   "\(Self.folder)/catalogue/ladders/vascular-emergency.yaml"])
        #expect(files.allSatisfy { ($0["sha256"] ?? "").count == 64 })
        // Without the folder, the transcript's case is not found.
        let without = try runSpineSim(["grade", transcript], environment: Self.environment)
        #expect(without.status != 0)
    }

    @Test func aBundledGradeHasNoCatalogueFiles() throws {
        let grade = try runSpineSim(["grade", Repo.path("Tests/SpineSimCLITests/Golden/mechanical-strain-competent.txt"), "--format", "json"],
                                    environment: Self.environment)
        #expect(grade.stdout.contains("\"catalogue_sha256\""))
        #expect(!grade.stdout.contains("catalogue_files"))
    }

    /// A copy of the fixture folder to spoil.
    func copy() throws -> String {
        let dir = try temporaryDirectory()
        for item in ["instructor-leaking-aaa.yaml", "catalogue"] {
            try FileManager.default.copyItem(atPath: (Self.folder as NSString).appendingPathComponent(item),
                                             toPath: (dir as NSString).appendingPathComponent(item))
        }
        return dir
    }

    @Test func aCatalogueFileAmongTheCasesIsOneErrorThatSaysWhereItBelongs() throws {
        let dir = try copy()
        try FileManager.default.copyItem(atPath: dir + "/catalogue/catalogue.yaml", toPath: dir + "/catalogue.yaml")
        let validate = try runSpineSim(["validate", "--scenarios", dir, dir + "/catalogue.yaml"], environment: Self.environment)
        #expect(validate.status != 0)
        let lines = validate.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(validate.stderr)")
        #expect(lines.first?.hasPrefix("\(dir)/catalogue.yaml:4:1: error: this is a catalogue file, not a case") == true)
        #expect(lines.first?.contains("move it to catalogue/catalogue.yaml") == true)
    }

    @Test func aClashWithABundledCodeIsALocatedError() throws {
        let dir = try copy()
        let path = dir + "/catalogue/catalogue.yaml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
            .replacingOccurrences(of: "aliases: [vascular-hub, regional-vascular]", with: "aliases: [vascular-hub, vascular-surgery]")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let validate = try runSpineSim(["validate", "--scenarios", dir, dir], environment: Self.environment)
        #expect(validate.status != 0)
        #expect(validate.stderr.contains("\(path):6:5: error: services: 'vascular-surgery' is the code of 'vascular-surgery' in the bundled catalogue"),
                "\(validate.stderr)")
    }

    @Test func gradeSaysTheCaseFailedToLoad() throws {
        let dir = try copy()
        let transcript = dir + "/t.txt"
        let play = try runSpineSim(["play", "instructor-leaking-aaa", "--scenarios", dir, "--transcript", transcript],
                                   input: "examine abdomen\nend\n", environment: Self.environment)
        #expect(play.status == 0, "\(play.stderr)")
        let casePath = dir + "/instructor-leaking-aaa.yaml"
        let text = try String(contentsOfFile: casePath, encoding: .utf8)
            .replacingOccurrences(of: "any: [\"refer regional-vascular-service\"", with: "any: [\"refer no-such-service\"")
        try text.write(toFile: casePath, atomically: true, encoding: .utf8)
        let grade = try runSpineSim(["grade", transcript, "--scenarios", dir], environment: Self.environment)
        #expect(grade.status != 0)
        #expect(grade.stderr.contains("error: the case 'instructor-leaking-aaa' failed to load (1 error, below)"), "\(grade.stderr)")
        #expect(grade.stderr.contains("no-such-service"))
        #expect(!grade.stderr.contains("matches no case"))
    }
}

@Suite struct CheckTraceTests {
    @Test func traceShowsWhenEventsFiredResultsArrivedAndItemsWereMet() throws {
        let folder = InstructorFolderTests.folder
        let check = try runSpineSim(["check", "--trace", "--scenarios", folder, folder], environment: InstructorFolderTests.environment)
        #expect(check.status == 0, "\(check.stderr)")
        let lines = check.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("        day 0 15:24  +4m  rubric item 'abdomen' (critical) met: 5 points, on time"))
        #expect(lines.contains("        day 0 15:41  +21m  result: point-of-care ultrasound of the abdominal aorta, ordered at +6m"))
        #expect(lines.contains("        day 0 18:20  +180m  course event 'free-rupture' fired"))
        #expect(lines.contains { $0.contains("never met: abdomen (critical), bedside-ultrasound (required)") })
        // Without --trace, one line a test.
        let plain = try runSpineSim(["check", "--scenarios", folder, folder], environment: InstructorFolderTests.environment)
        #expect(plain.stdout.split(separator: "\n").count == 5)
    }
}
