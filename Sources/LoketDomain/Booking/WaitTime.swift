/// The measure the service publishes: how long until a free slot, in working days.
public struct WaitTime: Sendable, Hashable, Codable {
    public let desk: String
    public let product: String
    public let firstFreeDate: LocalDate?
    /// Working days from today until the first free slot; nil when none within the horizon.
    public let workingDaysToFirstSlot: Int?
    /// Until the third free slot: less sensitive to a single cancellation than the first.
    public let workingDaysToThirdSlot: Int?

    public init(desk: String, product: String, today: LocalDate, freeSlots: [Slot], workingDays: WorkingDays) {
        self.desk = desk
        self.product = product
        let first = freeSlots.first?.date
        self.firstFreeDate = first
        self.workingDaysToFirstSlot = first.map { workingDays.count(from: today, to: $0) }
        // The third free unit: a slot with several counters free counts each.
        var seen = 0
        var third: LocalDate?
        for slot in freeSlots {
            seen += slot.available
            if seen >= 3 {
                third = slot.date
                break
            }
        }
        self.workingDaysToThirdSlot = third.map { workingDays.count(from: today, to: $0) }
    }
}
