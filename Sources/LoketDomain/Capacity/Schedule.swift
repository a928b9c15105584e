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
            guard block.applies(on: date), block.counters > 0, let hours = block.hours.intersection(open) else {
                return nil
            }
            return Pool(id: block.id, products: block.products, hours: hours, counters: block.counters)
        }
    }

    /// The last day whose urgent reserve is already open to everyone, seen from `today`.
    public func urgentReleaseDate(today: LocalDate) -> LocalDate? {
        network.urgent.map { workingDays.adding($0.releaseWorkingDaysAhead, to: today) }
    }

    /// Counters of `pool` that ordinary bookings may use on `date`: all of them, less the
    /// urgent reserve on days beyond the release date (or whose reserve a draw allocates).
    public func bookableCounters(
        _ pool: Pool, on date: LocalDate, releasedThrough: LocalDate?, urgent: Bool,
        withheld: DrawWithholding = .none
    ) -> Int {
        guard !urgent, let reserve = network.urgent, let released = releasedThrough,
            date > released || !withheld.releasesReserve(on: date)
        else {
            return pool.counters
        }
        return pool.counters - reserve.kept(of: pool.counters)
    }

    /// Slot units of all pools at `desk` kept back for urgent cases on `date` (before release).
    public func reservedUnits(desk: Desk, on date: LocalDate) -> Int {
        guard let reserve = network.urgent else { return 0 }
        return pools(desk: desk, on: date).reduce(0) { total, pool in
            total + reserve.kept(of: pool.counters) * (pool.hours.to.minutes - pool.hours.from.minutes)
                / network.slotMinutes
        }
    }

    /// Every slot for `product` and `persons` at `desk` on the days in `dates`, starting no
    /// earlier than `notBefore` (also "today" for the urgent reserve), with availability taken
    /// from `usage`. Full slots are left out unless `includeFull`. `urgent` callers may use the
    /// reserve. Days and reserve that draws keep (`withheld`) are not offered.
    public func slots(
        desk: Desk, product: Product, persons: Int, dates: ClosedRange<LocalDate>,
        notBefore: (date: LocalDate, time: LocalTime), usage: UnitUsage,
        includeFull: Bool = false, urgent: Bool = false, assistance: Bool = false,
        withheld: DrawWithholding = .none
    ) -> [Slot] {
        guard desk.offers(product.key), dates.lowerBound <= dates.upperBound else { return [] }
        let step = network.slotMinutes
        let parts = product.parts(persons: persons, slotMinutes: step, assistance: assistance)
        var result: [Slot] = []
        var day = max(dates.lowerBound, notBefore.date)
        let released = urgentReleaseDate(today: notBefore.date)
        while day <= dates.upperBound {
            defer { day = day.adding(days: 1) }
            guard withheld.isFirstCome(day) else { continue }
            var daySlots: [Slot] = []
            for pool in pools(desk: desk, on: day) where pool.products.contains(product.key) {
                var start = pool.hours.from.minutes
                if day == notBefore.date {
                    // A slot starting this very minute has started: holding it is refused, so it is not listed.
                    let earliest = notBefore.time.minutes
                    start = max(start, (earliest + step) / step * step)
                }
                let limit = bookableCounters(
                    pool, on: day, releasedThrough: released, urgent: urgent, withheld: withheld)
                while start + parts * step <= pool.hours.to.minutes {
                    var free = limit
                    for part in 0..<parts {
                        let taken = usage[UnitKey(pool: pool.id, date: day, minute: start + part * step)] ?? 0
                        free = min(free, limit - taken)
                    }
                    if free > 0 || includeFull {
                        let time = LocalTime(minutes: start)
                        daySlots.append(
                            Slot(
                                key: SlotKey(date: day, start: time, pool: pool.id), date: day, start: time,
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

    /// The units a booking at `key` for `parts` units would occupy, and how many of the pool's
    /// counters it may fill (less the urgent reserve, unless `urgent`); nil when the key does not
    /// name a real start in the roster for that product.
    public func claim(
        desk: Desk, product: Product, key: SlotKey, parts: Int, today: LocalDate, urgent: Bool = false,
        withheld: DrawWithholding = .none
    ) -> (units: [UnitKey], capacity: Int)? {
        guard desk.offers(product.key),
            let pool = pools(desk: desk, on: key.date).first(where: { $0.id == key.pool }),
            pool.products.contains(product.key)
        else { return nil }
        let step = network.slotMinutes
        let start = key.start.minutes
        guard start % step == 0, start >= pool.hours.from.minutes, start + parts * step <= pool.hours.to.minutes else {
            return nil
        }
        let units = (0..<parts).map { UnitKey(pool: pool.id, date: key.date, minute: start + $0 * step) }
        return (
            units,
            bookableCounters(
                pool, on: key.date, releasedThrough: urgentReleaseDate(today: today), urgent: urgent,
                withheld: withheld)
        )
    }
}
