import Foundation

/// Where a draw's places are: the free capacity of its days (for reserve days, only the urgent
/// reserve), counted when it opens and given out slot by slot when it closes.
extension BookingRules {
    /// Free places for one person on `days` and in the urgent reserve of `reserveDays`.
    public func drawPlaces(
        desk: Desk, product: Product, days: [LocalDate], reserveDays: [LocalDate], usage: UnitUsage, now: Date
    ) -> Int {
        func free(_ day: LocalDate, urgent: Bool, withheld: DrawWithholding = .none) -> Int {
            freeSlots(
                desk: desk, product: product, persons: 1, dates: day...day, now: now, usage: usage, urgent: urgent,
                withheld: withheld
            ).reduce(0) { $0 + $1.available }
        }
        let whole = days.reduce(0) { $0 + free($1, urgent: false) }
        let reserve = reserveDays.reduce(0) { total, day in
            total + free(day, urgent: true)
                - free(day, urgent: false, withheld: DrawWithholding(drawnReserveDays: [day]))
        }
        return whole + reserve
    }

    /// The earliest free slot for `entry` on the days of `draw` it accepts, given `usage`; nil
    /// when none is left. On reserve days the whole pool may be used: the reserve is what is drawn.
    public func drawPlace(
        draw: Draw, entry: DrawEntry, desk: Desk, product: Product, usage: UnitUsage, now: Date
    )
        -> Slot?
    {
        for day in entry.acceptableDays(in: draw) {
            if let slot = freeSlots(
                desk: desk, product: product, persons: entry.persons, dates: day...day, now: now, usage: usage,
                urgent: draw.reserveDays.contains(day)
            ).first {
                return slot
            }
        }
        return nil
    }
}
