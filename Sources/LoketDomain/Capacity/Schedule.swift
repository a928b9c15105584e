/// Turns a desk's opening hours and roster into capacity pools per day and bookable slots.
public struct Schedule: Sendable {
    public let network: DeskNetwork
    public let workingDays: WorkingDays

    public init(network: DeskNetwork) {
        self.network = network
        self.workingDays = WorkingDays(holidays: network.holidays)
    }

    /// A roster block as it applies on one day, clipped to the opening hours.
    public struct Pool: Sendable, Hashable {
        public let id: String
        public let products: [String]
        public let hours: TimeRange
        public let counters: Int
    }

    public func pools(desk: Desk, on date: LocalDate) -> [Pool] {
        guard let open = desk.hours(on: date, workingDays: workingDays) else { return [] }
        return desk.roster.compactMap { block in
            guard block.applies(on: date), block.counters > 0, let hours = block.hours.intersection(open) else { return nil }
            return Pool(id: block.id, products: block.products, hours: hours, counters: block.counters)
        }
    }

    /// Every slot for `product` and `persons` at `desk` on the days in `dates`, starting no
    /// earlier than `notBefore`, with availability taken from `usage`. Full slots are left out
    /// unless `includeFull`.
    public func slots(desk: Desk, product: Product, persons: Int, dates: ClosedRange<LocalDate>,
                      notBefore: (date: LocalDate, time: LocalTime), usage: UnitUsage,
                      includeFull: Bool = false) -> [Slot] {
        guard desk.offers(product.key), dates.lowerBound <= dates.upperBound else { return [] }
        let step = network.slotMinutes
        let parts = product.parts(persons: persons, slotMinutes: step)
        var result: [Slot] = []
        var day = max(dates.lowerBound, notBefore.date)
        while day <= dates.upperBound {
            defer { day = day.adding(days: 1) }
            var daySlots: [Slot] = []
            for pool in pools(desk: desk, on: day) where pool.products.contains(product.key) {
                var start = pool.hours.from.minutes
                if day == notBefore.date {
                    let earliest = notBefore.time.minutes
                    start = max(start, (earliest + step - 1) / step * step)
                }
                while start + parts * step <= pool.hours.to.minutes {
                    var free = pool.counters
                    for part in 0..<parts {
                        let taken = usage[UnitKey(pool: pool.id, date: day, minute: start + part * step)] ?? 0
                        free = min(free, pool.counters - taken)
                    }
                    if free > 0 || includeFull {
                        let time = LocalTime(minutes: start)
                        daySlots.append(Slot(key: SlotKey(date: day, start: time, pool: pool.id), date: day, start: time,
                                             end: time.adding(minutes: parts * step), parts: parts,
                                             capacity: pool.counters, available: max(0, free)))
                    }
                    start += step
                }
            }
            daySlots.sort { ($0.start, $0.key.pool) < ($1.start, $1.key.pool) }
            result += daySlots
        }
        return result
    }

    /// The units a booking at `key` for `parts` units would occupy, and the pool's counters;
    /// nil when the key does not name a real start in the roster for that product.
    public func claim(desk: Desk, product: Product, key: SlotKey, parts: Int) -> (units: [UnitKey], capacity: Int)? {
        guard desk.offers(product.key),
              let pool = pools(desk: desk, on: key.date).first(where: { $0.id == key.pool }),
              pool.products.contains(product.key) else { return nil }
        let step = network.slotMinutes
        let start = key.start.minutes
        guard start % step == 0, start >= pool.hours.from.minutes, start + parts * step <= pool.hours.to.minutes else { return nil }
        let units = (0..<parts).map { UnitKey(pool: pool.id, date: key.date, minute: start + $0 * step) }
        return (units, pool.counters)
    }
}
