extension ClockFace {
    /// `label(_:)`, written byte by byte for days 0–999 (any course): building it by
    /// interpolation cost more than the rest of a result announcement's heading.
    func quickLabel(_ t: Minutes) -> String {
        let absolute = arrival + t
        guard absolute >= 0, absolute < 1000 * 1440 else { return label(t) }
        let day = absolute / 1440, inDay = absolute % 1440
        let hh = inDay / 60, mm = inDay % 60
        let dayDigits = day < 10 ? 1 : day < 100 ? 2 : 3
        // "day D HH:MM"
        return String(unsafeUninitializedCapacity: 10 + dayDigits) { buffer in
            let zero = UInt8(ascii: "0")
            buffer[0] = UInt8(ascii: "d")
            buffer[1] = UInt8(ascii: "a")
            buffer[2] = UInt8(ascii: "y")
            buffer[3] = UInt8(ascii: " ")
            var rest = day
            for i in stride(from: 3 + dayDigits, to: 3, by: -1) {
                buffer[i] = zero + UInt8(rest % 10)
                rest /= 10
            }
            var i = 4 + dayDigits
            buffer[i] = UInt8(ascii: " ")
            buffer[i + 1] = zero + UInt8(hh / 10)
            buffer[i + 2] = zero + UInt8(hh % 10)
            buffer[i + 3] = UInt8(ascii: ":")
            buffer[i + 4] = zero + UInt8(mm / 10)
            buffer[i + 5] = zero + UInt8(mm % 10)
            i += 6
            return i
        }
    }
}
