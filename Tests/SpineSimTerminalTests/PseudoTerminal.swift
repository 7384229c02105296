import Foundation

/// Runs a program in a real pseudo-terminal, through a private tmux server, so tests
/// can type keys (Tab, Ctrl-C, Up) and read the screen the way a user would.
///
/// Each instance has its own tmux socket (`-L spinesim-test-<pid>-<random>`) and
/// config, so tests can run in parallel without seeing each other or the user's tmux.
/// ``close()`` (also called on deinit) kills the server; every wait has a timeout.
///
///     let term = try PseudoTerminal(command: ["/bin/cat"])
///     defer { term.close() }
///     term.type("hello"); term.press("Enter")
///     try term.waitFor("hello")
final class PseudoTerminal {
    enum Failure: Error, CustomStringConvertible {
        case tmuxUnavailable
        case tmux(arguments: [String], status: Int32, output: String)
        case timedOut(waitingFor: String, screen: String)

        var description: String {
            switch self {
            case .tmuxUnavailable:
                return "tmux is not installed"
            case .tmux(let arguments, let status, let output):
                return "tmux \(arguments.joined(separator: " ")) failed (\(status)): \(output)"
            case .timedOut(let what, let screen):
                return "timed out waiting for \(what); the screen was:\n\(screen)"
            }
        }
    }

    /// The tmux executable, if there is one.
    static let tmuxPath: String? = {
        var candidates = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"]
        if let path = ProcessInfo.processInfo.environment["PATH"] {
            candidates += path.split(separator: ":").map { "\($0)/tmux" }
        }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    static var isAvailable: Bool { tmuxPath != nil }

    /// The default time a wait may take.
    static let defaultTimeout: Duration = .seconds(8)

    let socket: String
    let width: Int
    let height: Int
    private let tmux: String
    private let configFile: URL
    private let statusFile: URL
    private var socketPath: String?
    private var closed = false

    /// Starts `command` (executable and arguments, no shell) in a `width`×`height`
    /// terminal with `TERM=xterm-256color` and `environment` added to this process's.
    init(command: [String], environment: [String: String] = [:], workingDirectory: String? = nil,
         width: Int = 100, height: Int = 30) throws {
        guard let tmux = Self.tmuxPath else { throw Failure.tmuxUnavailable }
        self.tmux = tmux
        self.width = width
        self.height = height
        socket = "spinesim-test-\(getpid())-\(UUID().uuidString.prefix(8))"
        configFile = FileManager.default.temporaryDirectory.appendingPathComponent("\(socket).conf")
        statusFile = FileManager.default.temporaryDirectory.appendingPathComponent("\(socket).status")
        let config = """
            set -g default-terminal "xterm-256color"
            set -g remain-on-exit on
            set -g status off
            set -g history-limit 5000
            set -g escape-time 0

            """
        try config.write(to: configFile, atomically: true, encoding: .utf8)

        var arguments = ["new-session", "-d", "-s", "main", "-x", "\(width)", "-y", "\(height)"]
        if let workingDirectory { arguments += ["-c", workingDirectory] }
        var env = ["TERM": "xterm-256color", "LANG": "C.UTF-8"]
        env.merge(environment) { _, new in new }
        for (key, value) in env.sorted(by: { $0.key < $1.key }) { arguments += ["-e", "\(key)=\(value)"] }
        // The program runs under a small sh that writes its exit status to a file: tmux's
        // own pane_dead_status is lost now and then (its utmp helper resets SIGCHLD while
        // the pane's process exits). The trap keeps that sh waiting through Ctrl-C; a
        // trapped (not ignored) signal is back to default in the program.
        let status = Self.shellQuoted(statusFile.path)
        let wrapper = "trap true INT; \"$@\"; echo $? > \(status).tmp; mv \(status).tmp \(status)"
        arguments.append((["/bin/sh", "-c", wrapper, "sh"] + command).map(Self.shellQuoted).joined(separator: " "))
        do {
            try run(arguments)
            socketPath = try run(["display-message", "-p", "#{socket_path}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        } catch {
            close()
            throw error
        }
    }

    deinit { close() }

    // MARK: Keys

    /// Types `text` literally (no key names), as if pasted key by key.
    func type(_ text: String) {
        _ = try? run(["send-keys", "-t", "main", "-l", text])
    }

    /// Presses keys by tmux name: `Enter`, `Tab`, `Up`, `BSpace`, `C-c`, `C-d`, `C-r`, `C-u`.
    func press(_ keys: String...) {
        _ = try? run(["send-keys", "-t", "main"] + keys)
    }

    // MARK: Screen

    /// The visible screen, wrapped lines joined, trailing blank lines dropped.
    func screen() -> String {
        let text = (try? run(["capture-pane", "-p", "-J", "-t", "main"])) ?? ""
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            String($0.reversed().drop(while: { $0 == " " }).reversed())
        }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    /// The last non-blank line of the screen: where the prompt and the typed line are.
    func lastLine() -> String {
        screen().split(separator: "\n").last.map(String.init) ?? ""
    }

    /// Waits until the screen contains `text`; returns the screen.
    @discardableResult
    func waitFor(_ text: String, timeout: Duration = PseudoTerminal.defaultTimeout) throws -> String {
        try waitUntil("\"\(text)\"", timeout: timeout) { $0.contains(text) }
    }

    /// Waits until `condition` holds for the screen; returns the screen.
    @discardableResult
    func waitUntil(_ what: String, timeout: Duration = PseudoTerminal.defaultTimeout,
                   _ condition: (String) -> Bool) throws -> String {
        let deadline = ContinuousClock.now + timeout
        while true {
            let current = screen()
            if condition(current) { return current }
            if ContinuousClock.now >= deadline { throw Failure.timedOut(waitingFor: what, screen: current) }
            usleep(40_000)
        }
    }

    // MARK: Process

    /// Whether the program has exited (the pane stays, showing its last screen).
    var hasExited: Bool { exitStatus != nil }

    /// The program's exit status once it has exited (128 + N when killed by signal N).
    var exitStatus: Int32? {
        guard let text = try? String(contentsOf: statusFile, encoding: .utf8) else { return nil }
        return Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The process id of the pane (the small sh whose child is the program), while it runs.
    var pid: Int32? {
        (try? run(["display-message", "-p", "-t", "main", "#{pane_pid}"])).flatMap {
            Int32($0.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    /// The program's own process id (the pane's child), on Linux, while it runs.
    var programPID: Int32? {
        guard let pane = pid,
              let children = try? String(contentsOfFile: "/proc/\(pane)/task/\(pane)/children", encoding: .utf8)
        else { return nil }
        return children.split(separator: " ").first.flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// Waits for the program to exit and returns its exit status.
    @discardableResult
    func waitForExit(timeout: Duration = PseudoTerminal.defaultTimeout) throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let status = exitStatus { return status }
            if ContinuousClock.now >= deadline { throw Failure.timedOut(waitingFor: "the program to exit", screen: screen()) }
            usleep(40_000)
        }
    }

    /// Kills the tmux server (and the program with it). Safe to call more than once.
    func close() {
        guard !closed else { return }
        closed = true
        _ = try? run(["kill-server"])
        if let socketPath, !socketPath.isEmpty { unlink(socketPath) }  // tmux leaves it behind
        try? FileManager.default.removeItem(at: configFile)
        try? FileManager.default.removeItem(at: statusFile)
    }

    // MARK: Plumbing

    /// Runs tmux with `arguments` on this instance's socket and returns what it printed.
    ///
    /// Spawned with posix_spawn and an empty signal mask and default handlers: a test
    /// runs on a worker thread that blocks most signals, and a child would inherit that
    /// mask (Foundation's `Process` passes it on), leaving the tmux server and the
    /// program under test deaf to SIGINT, SIGCHLD and SIGTERM.
    @discardableResult
    private func run(_ arguments: [String]) throws -> String {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("\(socket)-\(UUID().uuidString).out").path
        defer { unlink(output) }

        #if canImport(Glibc)
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        #else
        var actions: posix_spawn_file_actions_t?
        var attributes: posix_spawnattr_t?
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
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
        environment["TMUX"] = nil
        let argv = ([tmux, "-L", socket, "-f", configFile.path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, tmux, &actions, &attributes, argv, envp)
        guard spawned == 0 else {
            throw Failure.tmux(arguments: arguments, status: -1, output: String(cString: strerror(spawned)))
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        let exitCode = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        guard exitCode == 0 else {
            throw Failure.tmux(arguments: arguments, status: exitCode, output: text)
        }
        return text
    }

    static func shellQuoted(_ word: String) -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@%")
        if !word.isEmpty, word.allSatisfy({ safe.contains($0) }) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
