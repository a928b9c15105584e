import Foundation

/// A draw (loting): capacity released while a product at a desk is in draw mode, offered for a
/// window in which each person may enter once, then allocated at random with a seed that is
/// published with the result, so that anyone can replay the order.
public struct Draw: Sendable, Hashable, Codable {
    public enum State: String, Sendable, Hashable, Codable {
        /// `allocating`: the window has closed and places are being given out.
        case open, allocating, allocated
    }

    public let id: String
    public let desk: String
    public let product: String
    /// Days whose capacity the draw allocates (they came into the booking horizon).
    public let days: [LocalDate]
    /// Days whose urgent reserve the draw allocates (it came up for release).
    public let reserveDays: [LocalDate]
    public let opensAt: Date
    public let closesAt: Date
    /// Free places for one person when the draw opened.
    public let places: Int
    public internal(set) var state: State
    /// The seed of the allocation, 16 hex digits; set when the window closes.
    public internal(set) var seed: String?

    public init(
        id: String, desk: String, product: String, days: [LocalDate], reserveDays: [LocalDate], opensAt: Date,
        closesAt: Date, places: Int, state: State, seed: String?
    ) {
        self.id = id
        self.desk = desk
        self.product = product
        self.days = days
        self.reserveDays = reserveDays
        self.opensAt = opensAt
        self.closesAt = closesAt
        self.places = places
        self.state = state
        self.seed = seed
    }

    /// Every day the draw gives places on, in order.
    public var allDays: [LocalDate] { Array(Set(days + reserveDays)).sorted() }

    /// Whether it takes entries at `now`.
    public func isOpen(at now: Date) -> Bool { state == .open && now >= opensAt && now < closesAt }
}

extension Draw {
    /// What can happen to a draw; a refusal names it.
    public enum Event: String, Sendable, Hashable, Codable { case enter, allocate, finish }

    /// Checks that an entry may be made at `now`: only while the window is open.
    public func admitsEntry(at now: Date) throws(TransitionError<State, Event>) {
        guard isOpen(at: now) else {
            throw TransitionError(
                from: state, event: .enter, field: "id", code: "draw_closed",
                now < opensAt ? "This draw has not opened yet." : "This draw has closed; entries are no longer taken.")
        }
    }

    /// Starts the allocation once the window has closed, with the seed that will be published.
    public mutating func allocate(seed: UInt64, now: Date) throws(TransitionError<State, Event>) {
        guard state == .open else {
            throw TransitionError(
                from: state, event: .allocate, field: "id", code: "not_open", "This draw is no longer open.")
        }
        guard now >= closesAt else {
            throw TransitionError(
                from: state, event: .allocate, field: "id", code: "window_open", "This draw's window is still open.")
        }
        state = .allocating
        self.seed = String(seed, radix: 16).leftPadded(to: 16)
    }

    /// Ends the allocation: every entry has been drawn or not.
    public mutating func finish() throws(TransitionError<State, Event>) {
        guard state == .allocating else {
            throw TransitionError(
                from: state, event: .finish, field: "id", code: "not_allocating", "This draw is not being allocated.")
        }
        state = .allocated
    }

    /// The seed as a number, once set.
    public var seedValue: UInt64? { seed.flatMap { UInt64($0, radix: 16) } }
}

extension String {
    fileprivate func leftPadded(to length: Int) -> String {
        String(repeating: "0", count: max(0, length - count)) + self
    }
}
