/// What a draw publishes once allocated: its seed, the entries in draw order with the slot each
/// got, and a digest of that allocation. It names no person: an entry is known by its random id,
/// which only its entrant holds, so each can find their own place and anyone can replay the
/// order from the seed (`DrawOrder`) and check the digest.
public struct DrawResult: Sendable, Hashable {
    public struct Place: Sendable, Hashable {
        public let position: Int
        public let entry: String
        /// The slot the entry got; nil when not drawn.
        public let slot: SlotKey?

        public init(position: Int, entry: String, slot: SlotKey?) {
            self.position = position
            self.entry = entry
            self.slot = slot
        }
    }

    public let draw: Draw
    public let entries: Int
    public let drawn: Int
    /// SHA-256 of `DrawOrder.allocationText` of the allocation, hex.
    public let digest: String
    public let allocation: [Place]

    public init(draw: Draw, entries: Int, drawn: Int, digest: String, allocation: [Place]) {
        self.draw = draw
        self.entries = entries
        self.drawn = drawn
        self.digest = digest
        self.allocation = allocation
    }
}
