import ArgumentParser
import Foundation
import SpineSimCore

/// `spinesim class`: the instructor's side of a class served over SSH.
struct ClassCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "class",
        abstract: "A class over SSH: check its class file, write its authorized_keys, see who is playing.",
        subcommands: [Check.self, Keys.self, Status.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "check", abstract: "Validate a class file (roster, keys, cases, modes); problems as PATH:LINE:COLUMN.")
        @Argument(help: "The class file.") var file: String
        @OptionGroup var library: LibraryOptions

        func run() throws {
            try reportingErrors { () throws(CLIError) -> Int32 in
                let context = try ClassContext.load(file, extraFolders: library.folders)
                let f = context.file
                print("\(file): ok: \(f.students.count) student\(f.students.count == 1 ? "" : "s"), "
                      + "\(f.students.reduce(0) { $0 + $1.keys.count }) keys, \(context.library.scenarios.count) cases found; "
                      + "practice \(f.practice == nil ? "off" : "on"), \(f.assignments.count) assignment(s), \(f.exams.count) exam(s); spool \(context.spool)")
                return 0
            }
        }
    }

    struct Keys: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "keys",
            abstract: "Write the authorized_keys lines for the class's service account: each key may only start 'spinesim session' as its student.")
        @Argument(help: "The class file.") var file: String
        @Option(help: "The spinesim the server runs (default: this one).") var binary: String?
        @Option(help: "Write to this file instead of standard output.") var output: String?
        @OptionGroup var library: LibraryOptions

        func run() throws {
            try reportingErrors { () throws(CLIError) -> Int32 in
                let context = try ClassContext.load(file, extraFolders: library.folders)
                let program: String
                if let binary {
                    program = ClassContext.absolute(binary, relativeTo: FileManager.default.currentDirectoryPath)
                } else {
                    program = try Self.runningBinary()
                }
                let text = try Self.lines(context: context, binary: program)
                if let output { try FileAccess.write(text, to: output) } else { print(text, terminator: "") }
                return 0
            }
        }

        /// One line per key. Paths and ids go into a command sshd hands to a shell, so only
        /// characters that need no quoting are accepted.
        static func lines(context: ClassContext, binary: String) throws(CLIError) -> String {
            for (what, path) in [("the spinesim binary", binary), ("the class file", context.path)] where !isPlainPath(path) {
                throw .usage("\(what)'s path '\(path)' has characters that would need quoting in authorized_keys; move it to a path of letters, digits and / . _ - +")
            }
            var out = "# SpineSim class \(context.file.id): written by 'spinesim class keys'; regenerate rather than edit.\n"
            for student in context.file.students {
                guard ClassFileLoader.isSafeID(student.id) else { throw .usage("student id '\(student.id)' is not plain") }
                for key in student.keys {
                    out += "restrict,pty,command=\"\(binary) session --class \(context.path) --student \(student.id)\" "
                        + "\(key.type) \(key.base64) spinesim:\(context.file.id):\(student.id)\n"
                }
            }
            return out
        }

        static func isPlainPath(_ path: String) -> Bool {
            path.hasPrefix("/") && path.unicodeScalars.allSatisfy {
                ($0.value < 128 && CharacterSet.alphanumerics.contains($0)) || "/._-+".unicodeScalars.contains($0)
            }
        }

        static func runningBinary() throws(CLIError) -> String {
            if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return resolved }
            let argument = CommandLine.arguments.first ?? "spinesim"
            guard argument.contains("/") else { throw .usage("cannot tell where this spinesim is; pass --binary /path/to/spinesim") }
            return URL(fileURLWithPath: argument).standardized.resolvingSymlinksInPath().path
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "Who is connected or has an open attempt, on which case, for how long, and who has finished.")
        @Argument(help: "The class file.") var file: String
        @OptionGroup var library: LibraryOptions

        func run() throws {
            try reportingErrors { () throws(CLIError) -> Int32 in
                let context = try ClassContext.load(file, extraFolders: library.folders)
                print(Self.report(context: context, now: ClockText.now), terminator: "")
                return 0
            }
        }

        static func report(context: ClassContext, now: Int) -> String {
            let attempts = Spool(root: context.spool).allAttempts()
            var rows: [[String]] = [["STUDENT", "NAME", "MODE", "CASE", "STATE", "STARTED", "FOR"]]
            for student in context.file.students {
                let mine = attempts.filter { $0.meta.student == student.id }
                if mine.isEmpty { rows.append([student.id, student.name, "-", "-", "no attempt", "-", "-"]) }
                for attempt in mine {
                    let m = attempt.meta
                    var state: String
                    var span: String
                    if let finished = m.finished {
                        state = "finished"
                        span = ClockText.span(finished - m.started)
                    } else {
                        state = AttemptLock.holder(attempt.lockPath) != nil ? "connected" : "open, not connected"
                        span = ClockText.span(now - m.started)
                        if let deadline = m.deadline {
                            state += deadline > now ? ", \(ClockText.span(deadline - now)) left" : ", time up"
                        }
                    }
                    rows.append([student.id, student.name, m.mode, m.caseID, state, ClockText.format(m.started), span])
                }
            }
            let widths = (0..<rows[0].count).map { c in rows.map { $0[c].count }.max() ?? 0 }
            return rows.map { row in
                zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                    .trimmingCharacters(in: .whitespaces)
            }.joined(separator: "\n") + "\n"
        }
    }
}
