import Testing
@testable import SpineSimCore

/// The class file: what loads, and every problem at its line and column.
struct ClassFileTests {
    // A real ed25519 public key (ssh-keygen output) and a second one.
    static let keyA = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPCGt3cdXYDs0FIFonjxfi3tHczd2kTZk03ROmgEUYXs ana@laptop"
    static let keyB = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMsQBaf8xai/9fSZ505pfKtATRv95PxJ1GNjGvTmoPIG"

    @Test func aCompleteClassLoads() throws {
        let text = """
            class: spine-2026
            title: Spine block
            spool: /var/lib/spinesim/spine-2026
            grade_at_end: true
            roster:
              - id: ana
                name: Ana Silva
                keys: ["\(Self.keyA)"]
              - id: ben
                keys:
                  - \(Self.keyB)
            practice: all
            assignments:
              - id: week1
                cases: [mechanical-strain, spinal-tb]
                due: 2026-12-12T17:00+01:00
            exams:
              - id: final
                cases: cauda-equina
                minutes: 40
                opens: 2026-12-05T11:30Z
            """
        let loaded = ClassFileLoader.load(text: text, path: "class.yaml")
        let file = try #require(loaded.file, "\(loaded.diagnostics)")
        #expect(file.students.map(\.id) == ["ana", "ben"])
        #expect(file.students[1].name == "ben")
        #expect(file.students[0].keys == [.init(type: "ssh-ed25519", base64: "AAAAC3NzaC1lZDI1NTE5AAAAIPCGt3cdXYDs0FIFonjxfi3tHczd2kTZk03ROmgEUYXs")])
        #expect(file.practice != nil && file.practice?.cases == nil)
        #expect(file.assignments.first?.due == 1796470200 + 7 * 86400 + 5 * 3600 + 30 * 60 - 3600)
        #expect(file.exams.first?.opens == 1796470200)
        #expect(file.exams.first?.isOpen(at: 1796470199) == false)
        #expect(file.exams.first?.isOpen(at: 1796470200) == true)
        #expect(file.namedCases.map(\.name) == ["mechanical-strain", "spinal-tb", "cauda-equina"])
        #expect(file.gradeAtEnd)
    }

    /// Ids and keys end up in a command line sshd hands to a shell: nothing else gets through.
    @Test func injectionAndBadKeysAreLocatedErrors() {
        let text = """
            class: c1
            spool: spool
            practice: all
            roster:
              - id: 'ana" ; rm -rf / ; "'
                keys: ["\(Self.keyA)"]
              - id: ben
                keys: ['command="/bin/sh" \(Self.keyB)']
              - id: cleo
                keys: ["ssh-ed25519 AAAAC3NzaC1yc2EAAAADAQAB"]
              - id: dan
                keys: ["\(Self.keyA)"]
              - id: eve
                keys: ["ssh-ed25519 not-base64!"]
            """
        let loaded = ClassFileLoader.load(text: text, path: "c.yaml")
        #expect(loaded.file == nil)
        let lines = loaded.diagnostics.map(\.description)
        #expect(lines.contains { $0.hasPrefix("c.yaml:5:9: error: student id 'ana\" ; rm -rf / ; \"' must be letters") })
        #expect(lines.contains { $0.hasPrefix("c.yaml:8:12: error: student 'ben': 'command=\"/bin/sh\"' is not a key type") })
        #expect(lines.contains { $0.hasPrefix("c.yaml:10:12: error: student 'cleo': the key's data does not match its type") })
        #expect(lines.contains { $0.hasPrefix("c.yaml:14:12: error: student 'eve': the key's second word is not base64") })
        // ana was refused, so her key is still free for dan.
        #expect(!lines.contains { $0.contains("already") })
        #expect(lines.count == 4, "\(lines)")
    }

    @Test func structureProblemsAreLocated() {
        let text = """
            class: c1
            spool: spool
            roster:
              - id: ana
                keys: ["\(Self.keyA)"]
              - id: ana
                keys: ["\(Self.keyB)"]
            exams:
              - id: final
                cases: [cauda-equina]
                minutes: 0
                closes: 2026-12-05 11:30
              - id: final
                cases: []
                minutes: 30
                colour: blue
            """
        let lines = ClassFileLoader.load(text: text, path: "c.yaml").diagnostics.map(\.description)
        #expect(lines.contains("c.yaml:6:9: error: student id 'ana' appears twice in the roster"))
        #expect(lines.contains("c.yaml:11:14: error: exam 'final' minutes must be between 1 and 1440, not 0"))
        #expect(lines.contains { $0.hasPrefix("c.yaml:12:13: error: exam 'final' closes: '2026-12-05 11:30' is not a date and time") })
        #expect(lines.contains { $0.hasPrefix("c.yaml:16:5: error: exam: unknown key 'colour'") })
        #expect(lines.contains { $0.hasPrefix("c.yaml:13:9: error: id 'final' is used twice") })
    }

    @Test func timesAreParsedToUTCSeconds() {
        #expect(ClassFileLoader.parseTime("2026-12-05T11:30Z") == 1796470200)
        #expect(ClassFileLoader.parseTime("2026-12-05 11:30:00Z") == 1796470200)
        #expect(ClassFileLoader.parseTime("2000-02-29T23:59:59+05:30") == 951848999)
        #expect(ClassFileLoader.parseTime("2026-13-05T11:30Z") == nil)
        #expect(ClassFileLoader.parseTime("2026-12-05T11:30") == nil)
    }
}
