/// Prepares prompts for libedit.
public enum PromptText {
    /// The character that brackets escape sequences in prompts given to libedit
    /// (`EL_PROMPT_ESC`): what lies between two of them takes no room on screen.
    public static let ignoreMarker: Character = "\u{1}"

    /// `prompt` with every ANSI escape sequence (colour, bold) bracketed by
    /// ``ignoreMarker``, so that libedit counts only visible characters when it works
    /// out where the cursor is. Markers already in the prompt are dropped first.
    public static func markingEscapes(_ prompt: String) -> String {
        let marker = ignoreMarker.unicodeScalars.first ?? "\u{1}"
        let scalars = Array(prompt.unicodeScalars.filter { $0 != marker })
        var result = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            guard scalar == "\u{1B}" else {
                result.append(scalar)
                index += 1
                continue
            }
            let end = escapeEnd(scalars, from: index)
            result.append(marker)
            result.append(contentsOf: scalars[index..<end])
            result.append(marker)
            index = end
        }
        return String(result)
    }

    /// The index just after the escape sequence that starts at `start` (an ESC).
    private static func escapeEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
        var index = start + 1
        guard index < scalars.count else { return index }
        switch scalars[index] {
        case "[":  // CSI: parameters and intermediates, then one final byte @...~
            index += 1
            while index < scalars.count {
                let value = scalars[index].value
                index += 1
                if (0x40...0x7E).contains(value) { break }
            }
            return index
        case "]":  // OSC: up to BEL or ESC \
            index += 1
            while index < scalars.count {
                if scalars[index] == "\u{7}" { return index + 1 }
                if scalars[index] == "\u{1B}", index + 1 < scalars.count, scalars[index + 1] == "\\" { return index + 2 }
                index += 1
            }
            return index
        default:  // two-character escape
            return index + 1
        }
    }
}
