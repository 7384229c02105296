extension ClockFace {
    /// `label(_:)`, written byte by byte for days 0–9 (every case's course fits): building
    /// it by interpolation cost more than the rest of a result announcement's heading.
    func quickLabel(_ t: Minutes) -> String {
        let absolute = arrival + t
        guard absolute >= 0, absolute < 10 * 1440 else { return label(t) }
        let day = absolute / 1440, inDay = absolute % 1440
        let hh = inDay / 60, mm = inDay % 60
        // "day D HH:MM"
        return String(unsafeUninitializedCapacity: 11) { buffer in
            let zero = UInt8(ascii: "0")
            buffer[0] = UInt8(ascii: "d")
            buffer[1] = UInt8(ascii: "a")
            buffer[2] = UInt8(ascii: "y")
            buffer[3] = UInt8(ascii: " ")
            buffer[4] = zero + UInt8(day)
            buffer[5] = UInt8(ascii: " ")
            buffer[6] = zero + UInt8(hh / 10)
            buffer[7] = zero + UInt8(hh % 10)
            buffer[8] = UInt8(ascii: ":")
            buffer[9] = zero + UInt8(mm / 10)
            buffer[10] = zero + UInt8(mm % 10)
            return 11
        }
    }
}
