/// The appointment book of one replication: per cell and day the bookable slots still free, the
/// urgent reserve still free and the appointments booked (flattened `cell * days + day`, as in
/// `NetworkPlan`), and per cell a cursor before which no day has a free slot, so that finding
/// the first free slot does not scan the booked-up weeks again every day.
struct AppointmentBook {
    private let days: Int
    private var free: [Int32]
    private var urgentFree: [Int32]
    private var booked: [Int32]
    /// No day from tomorrow up to (not including) `firstFree[cell]` has a free slot.
    private var firstFree: [Int]

    /// The plan's capacity, with every slot up to each cell's initial wait already booked: the
    /// backlog the simulation starts from.
    init(plan: NetworkPlan) {
        days = plan.totalDays
        free = plan.capacity
        urgentFree = plan.urgentCapacity
        booked = [Int32](repeating: 0, count: plan.cells.count * days)
        firstFree = [Int](repeating: 1, count: plan.cells.count)
        for (c, cell) in plan.cells.enumerated() {
            guard cell.initialWait > 0, let last = plan.workingDay(cell.initialWait, after: 0) else { continue }
            for day in 1...last {
                booked[c * days + day] = free[c * days + day]
                free[c * days + day] = 0
            }
            firstFree[c] = last + 1
        }
        // What a live scenario found booked: each day's appointments take its slots, the
        // urgent reserve only when the bookable slots are full.
        for (c, cell) in plan.cells.enumerated() {
            let desk = plan.scenario.desks.first { $0.code == cell.desk }
            for booked in desk?.products[cell.product]?.booked ?? [] {
                let day = booked.date.dayNumber - plan.scenario.start.dayNumber
                guard day >= 1 && day < days else { continue }
                let taken = take(booked.appointments, at: c, on: day)
                _ = takeUrgent(booked.appointments - taken, at: c, on: day)
            }
        }
    }

    /// The first day after `today` with a free slot at `cell`; `days` (past the plan) if none.
    @inline(__always)
    mutating func firstFreeDay(_ cell: Int, after today: Int) -> Int {
        var d = max(firstFree[cell], today + 1)
        while d < days && free[cell * days + d] == 0 { d += 1 }
        firstFree[cell] = d
        return d
    }

    @inline(__always) func freeSlots(_ cell: Int, on day: Int) -> Int { Int(free[cell * days + day]) }
    @inline(__always) func appointments(_ cell: Int, on day: Int) -> Int { Int(booked[cell * days + day]) }

    /// Books up to `n` free slots at `cell` on `day`; returns how many.
    @inline(__always)
    mutating func take(_ n: Int, at cell: Int, on day: Int) -> Int {
        let i = cell * days + day
        let taken = min(n, Int(free[i]))
        free[i] -= Int32(taken)
        booked[i] += Int32(taken)
        return taken
    }

    /// Books up to `n` of the urgent reserve at `cell` on `day`; returns how many.
    @inline(__always)
    mutating func takeUrgent(_ n: Int, at cell: Int, on day: Int) -> Int {
        let i = cell * days + day
        let taken = min(n, Int(urgentFree[i]))
        urgentFree[i] -= Int32(taken)
        booked[i] += Int32(taken)
        return taken
    }

    /// Cancels up to `n` appointments at `cell` on `day`, freeing their slots; returns how many.
    mutating func cancel(_ n: Int, at cell: Int, on day: Int) -> Int {
        let i = cell * days + day
        let cancelled = min(n, Int(booked[i]))
        booked[i] -= Int32(cancelled)
        free[i] += Int32(cancelled)
        if day < firstFree[cell] { firstFree[cell] = day }
        return cancelled
    }

    /// Makes the unused urgent reserve at `cell` on `day` bookable by everyone; returns how much.
    mutating func releaseUrgent(at cell: Int, on day: Int) -> Int {
        let i = cell * days + day
        let unused = urgentFree[i]
        guard unused > 0 else { return 0 }
        free[i] += unused
        urgentFree[i] = 0
        if day < firstFree[cell] { firstFree[cell] = day }
        return Int(unused)
    }
}
