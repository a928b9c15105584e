/// A binary min-heap of future events ordered by (time, priority, sequence): the sequence number
/// breaks ties deterministically, first scheduled first served, as in SimPy's heap of
/// `(time, priority, id, event)`. Events are small plain values stored inline, so scheduling
/// does not allocate once the array has grown to the model's working size, and the heap is not
/// generic, so it runs at full speed in every build.
public struct EventQueue {
    @usableFromInline
    struct Entry {
        @usableFromInline let time: Double
        /// Priority in the high bits, then the sequence number: one comparison breaks ties.
        @usableFromInline let order: UInt64
        @usableFromInline let event: Event

        @usableFromInline
        init(time: Double, order: UInt64, event: Event) {
            self.time = time
            self.order = order
            self.event = event
        }

        @inlinable
        func precedes(_ other: Entry) -> Bool {
            time < other.time || (time == other.time && order < other.order)
        }
    }

    @usableFromInline var heap: [Entry] = []
    @usableFromInline var nextSequence: UInt64 = 0

    public init(capacity: Int = 1024) { heap.reserveCapacity(capacity) }

    public var isEmpty: Bool { heap.isEmpty }
    public var count: Int { heap.count }
    /// The time of the next event, if any.
    @inlinable public var nextTime: Double? { heap.first?.time }

    /// Lower priorities first; within one, the order of scheduling (up to 2^40 events).
    @inlinable
    public mutating func push(_ event: Event, at time: Double, priority: Int32 = 0) {
        let order = UInt64(UInt32(bitPattern: priority) ^ 0x8000_0000) << 40 | (nextSequence & 0xFF_FFFF_FFFF)
        nextSequence &+= 1
        let item = Entry(time: time, order: order, event: event)
        heap.append(item)
        // Sift up, moving parents down into the hole rather than swapping.
        heap.withUnsafeMutableBufferPointer { h in
            var hole = h.count - 1
            while hole > 0 {
                let parent = (hole - 1) / 2
                guard item.precedes(h[parent]) else { break }
                h[hole] = h[parent]
                hole = parent
            }
            h[hole] = item
        }
    }

    @inlinable
    public mutating func pop() -> (time: Double, event: Event)? {
        guard let top = heap.first else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap.withUnsafeMutableBufferPointer { h in
                let n = h.count
                var hole = 0
                while true {
                    var child = 2 * hole + 1
                    guard child < n else { break }
                    if child + 1 < n && h[child + 1].precedes(h[child]) { child += 1 }
                    guard h[child].precedes(last) else { break }
                    h[hole] = h[child]
                    hole = child
                }
                h[hole] = last
            }
        }
        return (top.time, top.event)
    }
}
