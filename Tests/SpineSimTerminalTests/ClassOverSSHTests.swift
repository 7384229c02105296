import Foundation
import Testing

/// A class served through a real OpenSSH server: `sshd` on a loopback port with a test host
/// key and the `authorized_keys` that `spinesim class keys` writes, driven by the real `ssh`,
/// `sftp` and `scp` clients (in a pseudo-terminal where a student would have one).
@Suite("a class over SSH", .serialized,
       .enabled(if: SpineSimBinary.path != nil, "needs a built spinesim binary"),
       .enabled(if: SSHClass.missing == nil, "needs OpenSSH (sshd, ssh, sftp, scp), root to start sshd, and tmux; SSHClass.missing says which is absent"),
       .timeLimit(.minutes(1)))
struct ClassOverSSHTests {
    /// A roster student connects with a pty, completes with Tab, ends the case, gets the
    /// practice debrief, and the attempt is kept and graded in the spool.
    @Test func rosterStudentPlaysWithTabCompletionToEnd() throws {
        let server = try SSHClass()
        defer { server.stop() }
        let term = try server.terminal(student: "ana", request: "play 1")
        defer { term.close() }
        try term.waitUntil("a prompt") { _ in term.lastLine().hasSuffix(">") }
        term.type("exa")
        term.press("Tab")
        try term.waitUntil("'examine ' completed") { _ in term.lastLine().hasSuffix("> examine") }
        term.type("straight-l")
        term.press("Tab")
        try term.waitUntil("the code completed") { _ in term.lastLine().hasSuffix("examine straight-leg-raise") }
        term.press("Enter")
        try term.waitUntil("the finding and a new prompt") { screen in
            term.lastLine().hasSuffix(">") && screen.components(separatedBy: "examine straight-leg-raise").count >= 2
        }
        term.type("end")
        term.press("Enter")
        #expect(try term.waitForExit(timeout: .seconds(15)) == 0)
        let screen = term.screen()
        #expect(screen.contains("What an expert would have done"))
        let transcript = try server.spoolTranscript(student: "ana", mode: "practice")
        #expect(transcript.hasSuffix("examine straight-leg-raise\nend\n"))
        #expect(transcript.contains("# student: ana"))
        let gradebook = try String(contentsOfFile: server.path("spool/gradebook.csv"), encoding: .utf8)
        #expect(gradebook.contains(",ana,Ana Silva,practice,mechanical-strain,"))
    }

    /// Only a roster key gets in, and a key gets SpineSim and nothing else: no shell,
    /// no other command, no port forwarding, no file transfer.
    @Test func everythingButSpineSimIsRefused() throws {
        let server = try SSHClass()
        defer { server.stop() }

        let stranger = try server.ssh(key: "stranger", ["list"])
        #expect(stranger.status == 255)
        #expect(!stranger.stdout.contains("Cases for"))

        // A shell request runs the forced command's menu; the "shell commands" go nowhere.
        let shell = try server.ssh(key: "ana", ["-T"], input: "echo $((6*7))\nid\n")
        #expect(shell.status == 0)
        #expect(shell.stdout.contains("Cases for Ana Silva"))
        #expect(!shell.stdout.contains("42") && !shell.stdout.contains("uid="))

        for command in ["cat /etc/passwd", "play 1; id"] {
            let result = try server.ssh(key: "ana", [command])
            #expect(result.status == 2, "\(command)")
            #expect(!result.stdout.contains("root:") && !result.stdout.contains("uid="), "\(command)")
            #expect(result.stderr.contains("is not something this service does"), "\(command)")
        }

        // Port forwarding: the local end listens, but sshd refuses to open the channel.
        let localPort = try SSHClass.freePort()
        let forward = try SSHClass.spawn(server.sshArguments(key: "ana", logLevel: "INFO") + ["-N", "-L", "\(localPort):127.0.0.1:\(server.port)"],
                                         output: server.path("forward.out"))
        defer { kill(forward, SIGTERM); var s: Int32 = 0; waitpid(forward, &s, 0) }
        let banner = try SSHClass.readFromPort(localPort, within: .seconds(8))
        #expect(!banner.contains("SSH-"), "the forwarded connection reached sshd: \(banner)")
        let forwardLog = (try? String(contentsOfFile: server.path("forward.out"), encoding: .utf8)) ?? ""
        #expect(forwardLog.contains("prohibited"), "ssh said: \(forwardLog)")

        // sftp asks for the sftp subsystem; the forced command refuses it.
        try "ls /\nget /etc/hostname \(server.path("stolen"))\n".write(toFile: server.path("batch"), atomically: true, encoding: .utf8)
        let sftp = try SSHClass.run(["/usr/bin/sftp", "-b", server.path("batch")] + server.commonOptions(key: "ana", portFlag: "-P")
                                    + ["\(SSHClass.user)@127.0.0.1"])
        #expect(sftp.status != 0)
        #expect(!FileManager.default.fileExists(atPath: server.path("stolen")))
        let scp = try SSHClass.run(["/usr/bin/scp", "-O"] + server.commonOptions(key: "ana", portFlag: "-P")
                                   + ["\(SSHClass.user)@127.0.0.1:/etc/hostname", server.path("copied")])
        #expect(scp.status != 0)
        #expect(!FileManager.default.fileExists(atPath: server.path("copied")))
    }

    /// Killing the client mid-exam and connecting again resumes the same attempt with every
    /// command and the same exam clock; the end shows no debrief; a second attempt is
    /// refused; the stored transcript grades like the same commands played locally.
    @Test func droppedExamResumesAndGradesLikeLocalPlay() throws {
        let server = try SSHClass()
        defer { server.stop() }
        let first = try server.terminal(student: "eve", request: "play")
        defer { first.close() }
        try first.waitUntil("an exam prompt") { _ in first.lastLine().hasSuffix(">") && first.lastLine().contains("min left]") }
        for command in ["ask bladder", "examine saddle-sensation"] {
            first.type(command)
            first.press("Enter")
            try first.waitUntil("the answer to \(command)") { screen in
                first.lastLine().hasSuffix(">") && screen.contains("> \(command)\n")
            }
        }
        let record = try String(contentsOfFile: try server.spoolFile(student: "eve", mode: "final", ext: "json"), encoding: .utf8)
        let ssh = try #require(first.programPID)
        kill(ssh, SIGKILL)
        _ = try first.waitForExit()

        // The server side notices the dropped connection and lets go of the attempt's lock.
        var second: PseudoTerminal?
        let deadline = ContinuousClock.now + .seconds(10)
        while second == nil {
            let attempt = try server.terminal(student: "eve", request: "play")
            let screen = try attempt.waitUntil("a prompt or a refusal") { s in
                attempt.lastLine().hasSuffix(">") || s.contains("already open") || attempt.hasExited
            }
            if screen.contains("already open") || attempt.hasExited {
                attempt.close()
                #expect(ContinuousClock.now < deadline, "the dropped attempt stayed locked")
                if ContinuousClock.now >= deadline { return }
                usleep(200_000)
            } else {
                second = attempt
            }
        }
        let resumed = try #require(second)
        defer { resumed.close() }
        #expect(resumed.screen().contains("2 earlier commands replayed"))
        #expect(try String(contentsOfFile: try server.spoolFile(student: "eve", mode: "final", ext: "json"), encoding: .utf8) == record,
                "the attempt's record (and its exam clock) must not change on reconnect")
        resumed.type("end")
        resumed.press("Enter")
        #expect(try resumed.waitForExit(timeout: .seconds(15)) == 0)
        let end = resumed.screen()
        #expect(end.contains("your transcript is your submission"))
        #expect(!end.contains("What an expert would have done") && !end.contains("Score"))

        let again = try server.ssh(key: "eve", ["play"])
        #expect(again.status == 1)
        #expect(again.stderr.contains("one attempt"))

        // The same commands, same seed, played locally in exam mode, grade to the same report.
        let stored = try server.spoolFile(student: "eve", mode: "final", ext: "txt")
        let text = try String(contentsOfFile: stored, encoding: .utf8)
        #expect(text.hasSuffix("ask bladder\nexamine saddle-sensation\nend\n"))
        let seed = try #require(text.split(separator: "\n").first { $0.hasPrefix("# seed:") }?.split(separator: " ").last)
        let binary = try #require(SpineSimBinary.path)
        let local = server.path("local.txt")
        try "ask bladder\nexamine saddle-sensation\nend\n".write(toFile: server.path("orders"), atomically: true, encoding: .utf8)
        let played = try SSHClass.run([binary, "play", "cauda-equina", "--exam", "--seed", String(seed), "--transcript", local],
                                      inputFile: server.path("orders"))
        #expect(played.status == 0)
        let fromSpool = try SSHClass.gradeJSON(binary: binary, stored)
        let fromLocal = try SSHClass.gradeJSON(binary: binary, local)
        for key in ["score", "passed", "criteria", "items", "events", "critical_errors", "diagnosis", "outcome"] {
            #expect(fromSpool[key] as? NSObject == fromLocal[key] as? NSObject, "\(key) differs")
        }
        #expect(fromSpool["criteria"] != nil)
    }

    /// Two students on the same case at once: separate attempts, separate screens, separate
    /// history; a second connection to an attempt already open is refused.
    @Test func twoStudentsAtOnceNeverSeeEachOther() throws {
        let server = try SSHClass()
        defer { server.stop() }
        let ana = try server.terminal(student: "ana", request: "play 1")
        defer { ana.close() }
        let ben = try server.terminal(student: "ben", request: "play 1")
        defer { ben.close() }
        try ana.waitUntil("ana's prompt") { _ in ana.lastLine().hasSuffix(">") }
        try ben.waitUntil("ben's prompt") { _ in ben.lastLine().hasSuffix(">") }
        ana.type("ask onset")
        ana.press("Enter")
        ben.type("ask fever")
        ben.press("Enter")
        try ana.waitUntil("ana's answer") { s in ana.lastLine().hasSuffix(">") && s.contains("> ask onset\n") }
        try ben.waitUntil("ben's answer") { s in ben.lastLine().hasSuffix(">") && s.contains("> ask fever\n") }

        let twice = try server.ssh(key: "ana", ["play", "1"])
        #expect(twice.status == 1)
        #expect(twice.stderr.contains("already open in another connection"))

        // Ben's history holds only his own line.
        ben.press("Up")
        try ben.waitUntil("ben's own line recalled") { _ in ben.lastLine().hasSuffix("ask fever") }
        ben.press("Up")
        usleep(300_000)
        #expect(!ben.lastLine().hasSuffix("ask onset"))
        #expect(!ben.screen().contains("ask onset") && !ana.screen().contains("ask fever"))

        let anaText = try server.spoolTranscript(student: "ana", mode: "practice")
        let benText = try server.spoolTranscript(student: "ben", mode: "practice")
        #expect(anaText.contains("ask onset") && !anaText.contains("ask fever"))
        #expect(benText.contains("ask fever") && !benText.contains("ask onset"))
    }
}

/// One sshd on a free loopback port, serving two classes (practice for ana and ben, an
/// exam for eve) through the authorized_keys `spinesim class keys` writes.
final class SSHClass {
    static let sshd = "/usr/sbin/sshd"
    static let ssh = "/usr/bin/ssh"

    /// Why these tests cannot run here, or nil.
    static let missing: String? = {
        for tool in [sshd, ssh, "/usr/bin/ssh-keygen", "/usr/bin/sftp", "/usr/bin/scp"] where !FileManager.default.isExecutableFile(atPath: tool) {
            return "needs OpenSSH (\(tool) is missing; .ci/run installs openssh-server and openssh-client)"
        }
        if getuid() != 0 { return "needs root to start sshd (its privilege-separation directory and login)" }
        if !PseudoTerminal.isAvailable { return "needs tmux" }
        return nil
    }()

    static let user: String = {
        guard let entry = getpwuid(getuid()), let name = entry.pointee.pw_name else { return "root" }
        return String(cString: name)
    }()

    let directory: URL
    let port: Int
    private let pid: pid_t

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("spinesim-ssh-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let binary = try #require(SpineSimBinary.path)
        for name in ["host", "ana", "ben", "eve", "stranger"] {
            let made = try Self.run(["/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", directory.appendingPathComponent(name).path])
            try #require(made.status == 0, "ssh-keygen: \(made.stderr)")
        }
        let folder = directory
        let key = { (name: String) throws -> String in
            try String(contentsOf: folder.appendingPathComponent("\(name).pub"), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        try """
            class: practice-class
            title: Practice class
            spool: spool
            grade_at_end: true
            practice: [mechanical-strain]
            roster:
              - id: ana
                name: Ana Silva
                keys: ["\(try key("ana"))"]
              - id: ben
                name: Ben Okoro
                keys: ["\(try key("ben"))"]

            """.write(to: directory.appendingPathComponent("practice.yaml"), atomically: true, encoding: .utf8)
        try """
            class: exam-class
            spool: spool
            exams:
              - id: final
                cases: [cauda-equina]
                minutes: 30
            roster:
              - id: eve
                keys: ["\(try key("eve"))"]

            """.write(to: directory.appendingPathComponent("exam.yaml"), atomically: true, encoding: .utf8)
        var keys = ""
        for file in ["practice.yaml", "exam.yaml"] {
            let written = try Self.run([binary, "class", "keys", directory.appendingPathComponent(file).path, "--binary", binary])
            try #require(written.status == 0, "class keys: \(written.stderr)")
            keys += written.stdout
        }
        try keys.write(to: directory.appendingPathComponent("authorized_keys"), atomically: true, encoding: .utf8)
        if !FileManager.default.fileExists(atPath: "/run/sshd") {
            try FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        }
        var started: (pid_t, Int)?
        for _ in 0..<5 where started == nil {
            let port = try Self.freePort()
            let config = """
                Port \(port)
                ListenAddress 127.0.0.1
                HostKey \(directory.appendingPathComponent("host").path)
                PidFile \(directory.appendingPathComponent("sshd.pid").path)
                AuthorizedKeysFile \(directory.appendingPathComponent("authorized_keys").path)
                StrictModes no
                UsePAM no
                PasswordAuthentication no
                KbdInteractiveAuthentication no
                PubkeyAuthentication yes
                PermitRootLogin prohibit-password
                AllowUsers \(Self.user)
                PrintMotd no
                PrintLastLog no
                Subsystem sftp internal-sftp
                LogLevel ERROR

                """
            let configPath = directory.appendingPathComponent("sshd_config").path
            try config.write(toFile: configPath, atomically: true, encoding: .utf8)
            let pid = try Self.spawn([Self.sshd, "-D", "-e", "-f", configPath], output: directory.appendingPathComponent("sshd.log").path)
            if Self.waitForListener(port: port, pid: pid) {
                started = (pid, port)
            } else {
                kill(pid, SIGKILL)
                var status: Int32 = 0
                waitpid(pid, &status, 0)
            }
        }
        let log = (try? String(contentsOf: directory.appendingPathComponent("sshd.log"), encoding: .utf8)) ?? ""
        let running = try #require(started, "sshd did not start: \(log)")
        pid = running.0
        port = running.1
    }

    func stop() {
        kill(pid, SIGTERM)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        try? FileManager.default.removeItem(at: directory)
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func commonOptions(key: String, portFlag: String = "-p", logLevel: String = "ERROR") -> [String] {
        ["-F", "/dev/null", "-i", path(key), portFlag, "\(port)", "-o", "StrictHostKeyChecking=no",
         "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-o", "LogLevel=\(logLevel)"]
    }

    func sshArguments(key: String, logLevel: String = "ERROR") -> [String] {
        [Self.ssh] + commonOptions(key: key, logLevel: logLevel) + ["\(Self.user)@127.0.0.1"]
    }

    /// `ssh` without a terminal.
    func ssh(key: String, _ arguments: [String], input: String = "") throws -> SSHRun {
        let inputPath = path("input-\(UUID().uuidString)")
        try input.write(toFile: inputPath, atomically: true, encoding: .utf8)
        var argv = sshArguments(key: key)
        let options = arguments.prefix { $0.hasPrefix("-") }
        argv.insert(contentsOf: options, at: 1)
        argv += arguments.dropFirst(options.count)
        return try Self.run(argv, inputFile: inputPath)
    }

    /// `ssh -tt … REQUEST` in a pseudo-terminal, as a student at a terminal would.
    func terminal(student: String, request: String) throws -> PseudoTerminal {
        try PseudoTerminal(command: [Self.ssh, "-tt"] + commonOptions(key: student) + ["\(Self.user)@127.0.0.1", request],
                           environment: ["NO_COLOR": "1"])
    }

    func spoolFile(student: String, mode: String, ext: String) throws -> String {
        let folder = path("spool/\(student)/\(mode)")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".\(ext)") }.sorted()
        return "\(folder)/\(try #require(names.first, "no .\(ext) in \(folder)"))"
    }

    func spoolTranscript(student: String, mode: String) throws -> String {
        try String(contentsOfFile: try spoolFile(student: student, mode: mode, ext: "txt"), encoding: .utf8)
    }

    static func gradeJSON(binary: String, _ transcript: String) throws -> [String: Any] {
        let graded = try run([binary, "grade", transcript, "--format", "json"])
        try #require(graded.status == 0, "grade: \(graded.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(graded.stdout.utf8)) as? [String: Any])
    }

    // MARK: Processes and sockets

    struct SSHRun {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Starts a program with an empty signal mask and default handlers (a test thread blocks
    /// signals, and sshd must hear SIGCHLD and SIGTERM); output to a file.
    static func spawn(_ argv: [String], output: String, error: String? = nil, input: String = "/dev/null") throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, input, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        if let error {
            posix_spawn_file_actions_addopen(&actions, 2, error, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        } else {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        }
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var everySignal = sigset_t()
        sigfillset(&everySignal)
        posix_spawnattr_setsigdefault(&attributes, &everySignal)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        let args = argv.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            args.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, argv[0], &actions, &attributes, args, envp)
        try #require(spawned == 0, "could not start \(argv[0]): \(String(cString: strerror(spawned)))")
        return pid
    }

    /// Runs a program to the end (at most 20 s) and returns its status and output.
    static func run(_ argv: [String], inputFile: String = "/dev/null") throws -> SSHRun {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("spinesim-run-\(UUID().uuidString)").path
        defer { unlink(base + ".out"); unlink(base + ".err") }
        let pid = try spawn(argv, output: base + ".out", error: base + ".err", input: inputFile)
        var status: Int32 = 0
        let deadline = ContinuousClock.now + .seconds(20)
        while true {
            let done = waitpid(pid, &status, WNOHANG)
            if done == pid { break }
            if ContinuousClock.now >= deadline {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                Issue.record("\(argv.joined(separator: " ")) did not finish in 20 s")
                break
            }
            usleep(20_000)
        }
        let code = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return SSHRun(status: code, stdout: (try? String(contentsOfFile: base + ".out", encoding: .utf8)) ?? "",
                      stderr: (try? String(contentsOfFile: base + ".err", encoding: .utf8)) ?? "")
    }

    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        try #require(bound)
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func connect(port: Int) -> Int32? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let ok = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        if ok { return fd }
        close(fd)
        return nil
    }

    static func waitForListener(port: Int, pid: pid_t) -> Bool {
        let deadline = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < deadline {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid { return false }
            if let fd = connect(port: port) {
                close(fd)
                return true
            }
            usleep(20_000)
        }
        return false
    }

    /// Connects to a local port (waiting for something to listen) and reads what arrives
    /// until the other end closes or `within` passes.
    static func readFromPort(_ port: Int, within: Duration) throws -> String {
        let deadline = ContinuousClock.now + within
        var fd: Int32?
        while fd == nil, ContinuousClock.now < deadline {
            fd = connect(port: port)
            if fd == nil { usleep(50_000) }
        }
        let socket = try #require(fd, "nothing listened on \(port)")
        defer { close(socket) }
        var timeout = timeval(tv_sec: 3, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 512)
        while ContinuousClock.now < deadline {
            let n = read(socket, &buffer, buffer.count)
            if n <= 0 { break }
            received += buffer[..<n]
        }
        return String(decoding: received, as: UTF8.self)
    }
}
