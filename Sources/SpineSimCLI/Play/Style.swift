import SpineSimCore

/// ANSI styling of output lines, only when colour is enabled.
struct Style {
    var enabled: Bool

    func render(_ lines: [OutputLine]) -> String {
        lines.map(render).joined(separator: "\n")
    }

    func render(_ line: OutputLine) -> String {
        guard enabled else { return line.text }
        let text = line.rich ?? line.text
        let code: String
        switch line.kind {
        case .info: return text
        case .patient: code = "36"
        case .finding: code = "32"
        case .result: code = line.flagged ? "1;33" : "33"
        case .event: code = "1;35"
        case .warning: code = "1;33"
        case .rejected: code = "31"
        case .heading: code = "1"
        }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }

    func bold(_ s: String) -> String { enabled ? "\u{1B}[1m\(s)\u{1B}[0m" : s }
}
