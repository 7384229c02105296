/// A table from words to values, for the lookups made for every word of every command (verbs,
/// catalogue codes and aliases). It hashes a word's UTF-8 bytes with 64-bit FNV-1a instead of
/// the standard library's seeded SipHash, which costs several times more for words this
/// short. The keys are the catalogue's own words, not input an attacker chooses, so an
/// unseeded hash is safe here; a word typed by a trainee is only ever looked up.
struct WordTable<Value: Sendable>: Sendable {
    private struct Entry: Sendable {
        var hash: UInt64
        var key: String
        var value: Value
    }

    /// Open addressing with linear probing; the count of slots is a power of two and at
    /// least twice the number of entries.
    private var slots: [Entry?]
    private(set) var count = 0

    init() { slots = Array(repeating: nil, count: 8) }

    init<S: Sequence>(_ pairs: S) where S.Element == (String, Value) {
        self.init()
        for (key, value) in pairs { self[key] = value }
    }

    static func hash(_ key: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        let done = key.utf8.withContiguousStorageIfAvailable { bytes in
            for byte in bytes {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
        }
        if done == nil {
            for byte in key.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
        }
        return hash
    }

    /// The slot holding `key`, or the empty slot where it would go.
    private func slot(for key: String, hash: UInt64) -> Int {
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: hash) & mask
        while let entry = slots[index] {
            if entry.hash == hash && entry.key == key { return index }
            index = (index + 1) & mask
        }
        return index
    }

    subscript(key: String) -> Value? {
        get {
            let hash = Self.hash(key)
            let mask = slots.count - 1
            var index = Int(truncatingIfNeeded: hash) & mask
            // Reads entries in place rather than copying each one out.
            while slots[index] != nil {
                if slots[index]?.hash == hash, slots[index]?.key == key { return slots[index]?.value }
                index = (index + 1) & mask
            }
            return nil
        }
        set {
            let hash = Self.hash(key)
            let index = slot(for: key, hash: hash)
            if let newValue {
                if slots[index] == nil {
                    count += 1
                    slots[index] = Entry(hash: hash, key: key, value: newValue)
                    if count * 2 > slots.count { grow() }
                } else {
                    slots[index]?.value = newValue
                }
            } else if slots[index] != nil {
                // Removing: take the entry out and put back those after it in its run, so
                // that probing still finds them.
                slots[index] = nil
                count -= 1
                let mask = slots.count - 1
                var next = (index + 1) & mask
                while let entry = slots[next] {
                    slots[next] = nil
                    slots[slot(for: entry.key, hash: entry.hash)] = entry
                    next = (next + 1) & mask
                }
            }
        }
    }

    subscript(key: String, default defaultValue: @autoclosure () -> Value) -> Value {
        get { self[key] ?? defaultValue() }
        set { self[key] = newValue }
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: nil, count: old.count * 2)
        for case let entry? in old { slots[slot(for: entry.key, hash: entry.hash)] = entry }
    }
}
