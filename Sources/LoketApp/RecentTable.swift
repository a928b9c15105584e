/// A table that keeps what was used recently and forgets the rest, in O(1) per use: entries
/// live in a current and a previous generation; an entry used is moved to the current one, and
/// when the current one is full the previous one is dropped whole. So it never holds more than
/// twice `generation` entries, and an entry used within the last `generation` others is kept.
/// (Written by hand: swift-collections has no bounded map, and an OrderedDictionary's removal
/// from the front is O(n).)
struct RecentTable<Key: Hashable, Value> {
    private var current: [Key: Value] = [:]
    private var previous: [Key: Value] = [:]
    let generation: Int

    init(generation: Int) {
        self.generation = generation
    }

    var count: Int { current.count + previous.count }

    /// The value for `key`, made by `make` when there is none; changed by `body` and kept as recent.
    mutating func update<Result>(
        _ key: Key, make: () -> Value, _ body: (inout Value) -> Result
    ) -> Result {
        var value = current.removeValue(forKey: key) ?? previous.removeValue(forKey: key) ?? make()
        let result = body(&value)
        if current.count >= generation {
            previous = current
            current = [:]
        }
        current[key] = value
        return result
    }

    /// The value for `key` without making it recent.
    func peek(_ key: Key) -> Value? {
        current[key] ?? previous[key]
    }

    mutating func remove(_ key: Key) {
        current[key] = nil
        previous[key] = nil
    }
}
