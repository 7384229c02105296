/// Lays completion candidates out in columns, the way `ls` does: sorted down each
/// column, as many columns as fit the terminal width.
public enum ColumnLayout {
    /// The columns between two entries.
    public static let gap = 2

    /// The lines that show `items` in columns within `width` terminal cells.
    ///
    /// Items keep their order, running down the first column, then the next. An item
    /// wider than the terminal gets a line of its own. Trailing spaces are trimmed.
    public static func lines(_ items: [String], width: Int) -> [String] {
        guard !items.isEmpty else { return [] }
        let widths = items.map(displayWidth)
        let widest = widths.max() ?? 0
        let columnWidth = widest + gap
        let usable = max(width, 1)
        let columns = max(1, min(items.count, (usable + gap) / columnWidth))
        let rows = (items.count + columns - 1) / columns
        var result: [String] = []
        result.reserveCapacity(rows)
        for row in 0..<rows {
            var line = ""
            var column = 0
            while true {
                let index = column * rows + row
                guard index < items.count else { break }
                let nextIndex = (column + 1) * rows + row
                line += items[index]
                if nextIndex < items.count {
                    line += String(repeating: " ", count: columnWidth - widths[index])
                }
                column += 1
            }
            result.append(line)
        }
        return result
    }

    /// Terminal cells taken by `text`: one per `Character`, two for wide East Asian
    /// characters and emoji, none for control characters. An approximation of
    /// wcswidth(3) that does not depend on the C locale.
    public static func displayWidth(_ text: String) -> Int {
        var total = 0
        for character in text {
            guard let scalar = character.unicodeScalars.first else { continue }
            if scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value) { continue }
            total += isWide(scalar) ? 2 : 1
        }
        return total
    }

    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
             0x4E00...0x9FFF, 0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF,
             0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F,
             0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
