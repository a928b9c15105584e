import Foundation

/// A checked request to hold a slot: everything storage needs to take the capacity.
public struct HoldPlan: Sendable, Hashable {
    public let desk: String
    public let product: String
    public let persons: Int
    public let slot: SlotKey
    public let end: LocalTime
    /// The units to take, in ascending order so that concurrent takers lock rows in one order.
    public let units: [UnitKey]
    /// Counters of the pool: no unit may be taken more often than this.
    public let capacity: Int
    public let expiresAt: Date
    /// Extra time or assistance asked for (maatwerk): the slot is longer and the desk is told.
    public var assistance = false
}

extension HoldPlan {
    /// The same plan held until `date` instead: a waitlist offer lasts longer than a hold.
    public func expiring(at date: Date) -> HoldPlan {
        HoldPlan(
            desk: desk, product: product, persons: persons, slot: slot, end: end, units: units, capacity: capacity,
            expiresAt: date, assistance: assistance)
    }
}
