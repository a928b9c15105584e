/// A binary min-heap of future events ordered by (time, priority, sequence): the sequence number
/// breaks ties deterministically, first scheduled first served, as in SimPy's heap of
/// `(time, priority, id, event)`. Events are small plain values stored inline, so scheduling
/// does not allocate once the array has grown to the model's working size, and the heap is not
/// generic, so it runs at full speed in every build.
public struct EventQueue {
    @usableFromInline
    struct Entry {
        @usableFromInline let time: Double
        @usableFromInline let priority: Int32
        @usableFromInline let sequence: UInt64
        @usableFromInline let event: Event

        @usableFromInline
        init(time: Double, priority: Int32, sequence: UInt64, event: Event) {
            self.time = time
            self.priority = priority
            self.sequence = sequence
            self.event = event
        }

        @inlinable
        func precedes(_ other: Entry) -> Bool {
            if time != other.time { return time < other.time }
            if priority != other.priority { return priority < other.priority }
            return sequence < other.sequence
        }
    }

    @usableFromInline var heap: [Entry] = []
    @usableFromInline var nextSequence: UInt64 = 0

    public init(capacity: Int = 1024) { heap.reserveCapacity(capacity) }

    public var isEmpty: Bool { heap.isEmpty }
    public var count: Int { heap.count }
    /// The time of the next event, if any.
    @inlinable public var nextTime: Double? { heap.first?.time }

    @inlinable
    public mutating func push(_ event: Event, at time: Double, priority: Int32 = 0) {
        heap.append(Entry(time: time, priority: priority, sequence: nextSequence, event: event))
        nextSequence &+= 1
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].precedes(heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    @inlinable
    public mutating func pop() -> (time: Double, event: Event)? {
        guard !heap.isEmpty else { return nil }
        let top = heap[0]
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var parent = 0
            let n = heap.count
            while true {
                let left = 2 * parent + 1
                guard left < n else { break }
                var smallest = left
                let right = left + 1
                if right < n && heap[right].precedes(heap[left]) { smallest = right }
                guard heap[smallest].precedes(heap[parent]) else { break }
                heap.swapAt(smallest, parent)
                parent = smallest
            }
        }
        return (top.time, top.event)
    }
}
