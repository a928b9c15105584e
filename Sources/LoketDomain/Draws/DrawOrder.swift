/// The random order of a draw's entries, replayable by anyone from the published seed: sort the
/// entry ids, then shuffle them Fisher–Yates with `SeededGenerator`, taking `next() % (i + 1)`
/// for position `i` from the last down (the bias of the remainder is below 2⁻⁴⁰ for any
/// realistic draw). Written out rather than `shuffle(using:)`, whose steps the standard library
/// does not promise to keep.
public enum DrawOrder {
    public static func order(_ entryIDs: [String], seed: UInt64) -> [String] {
        var ids = entryIDs.sorted()
        var generator = SeededGenerator(seed: seed)
        var i = ids.count - 1
        while i > 0 {
            let j = Int(generator.next() % UInt64(i + 1))
            ids.swapAt(i, j)
            i -= 1
        }
        return ids
    }

    /// The text the allocation digest is taken of: one line per entry in draw order, with the
    /// slot it got (`-` for none). It names no person.
    public static func allocationText(_ allocation: [(entry: String, slot: SlotKey?)]) -> String {
        allocation.enumerated().map {
            "\($0.offset + 1)\t\($0.element.entry)\t\($0.element.slot?.description ?? "-")\n"
        }
        .joined()
    }
}
