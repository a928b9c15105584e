import Foundation
import LoketDomain
import LoketStorage
import Logging

/// What the HTTP routes call: the domain rules applied to the store, with the caches and
/// metrics that belong with them. Time comes from the injected `now`.
public struct BookingService: Sendable {
    let live: LiveRules
    public var rules: BookingRules { live.rules }
    public let store: BookingStore
    public let now: @Sendable () -> Date
    let generations: CapacityGenerations
    let usageCache: UsageCache
    let slotCache: SlotCache
    public let metrics: LoketMetrics
    /// How long a waitlist offer lasts.
    let offerDuration: TimeInterval

    init(network: DeskNetwork, holdMinutes: Int?, database: Database, logger: Logger, now: @escaping @Sendable () -> Date, metrics: LoketMetrics,
         outbox: OutboxSettings? = nil, offerDuration: TimeInterval = 2 * 3600) {
        let generations = CapacityGenerations()
        let store = BookingStore(database: database, logger: logger, outbox: outbox) { desk in generations.bump(desk) }
        self.live = LiveRules(network: network, holdMinutes: holdMinutes)
        self.store = store
        self.now = now
        self.generations = generations
        self.usageCache = UsageCache(store: store, generations: generations)
        self.slotCache = SlotCache()
        self.metrics = metrics
        self.offerDuration = offerDuration
    }

    public var network: DeskNetwork { rules.network }
    public var today: LocalDate { DeskTime(now(), timeZone: rules.timeZone).date }

    /// Free slots for a checked query.
    public func freeSlots(desk: Desk, product: Product, persons: Int, dates: ClosedRange<LocalDate>, assistance: Bool = false,
                   urgent: Bool = false, rules: BookingRules? = nil) async throws -> [Slot] {
        let rules = rules ?? self.rules
        let now = now()
        let today = DeskTime(now, timeZone: rules.timeZone).date
        let usage = try await usageCache.usage(desk: desk.code, dates: today...rules.horizon(from: today))
        return rules.freeSlots(desk: desk, product: product, persons: persons, dates: dates, now: now, usage: usage, assistance: assistance, urgent: urgent)
    }

    /// The published measure for every desk and product that is still open (or for one product).
    public func waitTimes(product only: String? = nil) async throws -> [WaitTime] {
        let today = self.today
        var result: [WaitTime] = []
        for desk in network.desks where !desk.isClosedForGood(on: today) {
            for key in desk.products where only.map({ $0 == key }) ?? true {
                guard let product = network.product(key) else { continue }
                let slots = try await freeSlots(desk: desk, product: product, persons: 1, dates: today...rules.horizon(from: today))
                result.append(WaitTime(desk: desk.code, product: key, today: today, freeSlots: slots, workingDays: rules.schedule.workingDays))
            }
        }
        return result
    }

    public func hold(desk: String?, product: String?, persons: Int?, slot: String?, assistance: Bool = false,
              idempotency: IdempotencyKey?) async throws -> Hold {
        let now = now()
        let plan = try rules.planHold(desk: desk, product: product, persons: persons, slot: slot, now: now, assistance: assistance)
        do {
            let hold = try await store.hold(plan, now: now, idempotency: idempotency)
            metrics.holds.increment()
            return hold
        } catch let error as BookingError where error.code == "slot_full" {
            metrics.holdsRefused.increment()
            throw error
        }
    }

    public func confirm(hold: String?, customer: Customer, idempotency: IdempotencyKey?) async throws -> ConfirmedBooking {
        guard let hold, !hold.isEmpty else { throw BookingError.invalid("hold", "required", "Name the hold to confirm.") }
        let booking = try await store.confirm(hold: hold, customer: customer, now: now(), idempotency: idempotency)
        metrics.bookings.increment()
        return booking
    }

    public func cancel(id: String, token: String?) async throws -> Appointment {
        let result = try await store.cancelIfConfirmed(id: id, token: token, now: now())
        if result.cancelled {
            metrics.cancellations.increment()
            // The freed slot goes to the waitlist at once, before anyone polling can take it.
            try await offerFreedCapacity()
        }
        return result.appointment
    }

    public func reschedule(id: String, token: String?, hold: String?, idempotency: IdempotencyKey?) async throws -> Appointment {
        guard let hold, !hold.isEmpty else { throw BookingError.invalid("hold", "required", "Name the hold to move the appointment to.") }
        let appointment = try await store.reschedule(id: id, token: token, toHold: hold, now: now(), idempotency: idempotency)
        metrics.reschedules.increment()
        return appointment
    }

    /// Reads the desk managers' changes again if any were made since the last look (here or on
    /// another server), and makes every desk's slots be computed afresh.
    public func reloadDeskChanges() async throws {
        let version = try await store.deskChangesVersion()
        guard version != live.version else { return }
        live.replace(changes: try await store.deskChanges(), version: version)
        generations.bumpAll()
    }

    /// Gives back the capacity of lapsed holds; run every second by `HoldSweeper`.
    func sweep() async throws {
        try await reloadDeskChanges()
        try await store.lapseOffers(now: now())
        let desks = try await store.releaseExpiredHolds(now: now())
        if !desks.isEmpty { metrics.holdsExpired.increment(by: Int64(desks.count)) }
        // The waitlist only needs another look when capacity changed or a new day released reserve.
        if generations.changedSinceLastLook(day: today) { try await offerFreedCapacity() }
    }
}

extension BookingService {
    /// Sweeps expired holds now, for tests and tools that cannot wait for the background sweeper.
    public func sweepNow() async throws { try await sweep() }
}
