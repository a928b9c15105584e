import Foundation
import LoketDomain
import LoketStorage

extension Waitlist {
    /// The matcher's step: offers every freed slot still owed to the waitlist (oldest first), each
    /// on its own, to the first eligible entry in fair order, found by one indexed lookup; a slot
    /// nobody may take goes back to the open list. A `PeriodicService` runs it whenever a
    /// request freed a slot and every `interval`; tests call it directly. Returns the offers made.
    @discardableResult
    public func matchFreedSlots() async throws -> Int {
        var offers = 0
        for freed in try await store.freedSlots(limit: 100) {
            if try await match(freed) { offers += 1 }
        }
        return offers
    }

    /// Offers one freed slot; true when an offer was made.
    func match(_ freed: FreedSlot) async throws -> Bool {
        let now = context.now()
        let rules = context.rules
        // An entry that stops waiting between the lookup and the offer: look again, a few times.
        lookup: for _ in 0..<3 {
            guard freed.parked, let entry = try await store.firstEligible(for: freed),
                // A slot that has begun, or lies beyond the horizon now, is nobody's.
                let plan = try? rules.planHold(
                    desk: freed.desk, product: freed.product, persons: entry.persons,
                    slot: freed.slot.description, now: now)
            else { break lookup }
            do {
                switch try await offer(
                    freed, to: entry.id, plan: plan.expiring(at: now.addingTimeInterval(offerDuration)))
                {
                case .offered(let entry, let client):
                    if let client, let offer = entry.offer {
                        context.limiter.offered(entry: entry.id, client: client, until: offer.expiresAt)
                    }
                    return true
                case .handledElsewhere: return false
                case .entryMovedOn: continue lookup
                }
            } catch let error as Refusal where error.code == "slot_full" {
                break lookup // the entry needs more than was freed, and the rest is taken
            }
        }
        try await release(freed)
        return false
    }

    /// Offers capacity free now to one entry that just joined: the earliest free slot at its desks
    /// within its window (earlier than the appointment it improves). Bounded by the entry's own
    /// desks and dates; nobody else's entry is looked at.
    func offerFreeCapacity(to entry: WaitlistEntry) async throws {
        let rules = context.rules
        guard entry.state == .waiting, let product = rules.network.product(entry.product) else { return }
        let now = context.now()
        let local = DeskTime(now, timeZone: rules.timeZone)
        let first = max(entry.from, local.date)
        let last = min(entry.to, rules.horizon(from: local.date))
        guard first <= last else { return }
        var current: (LocalDate, LocalTime)?
        if let id = entry.appointment,
            let appointment = try await appointments.appointmentAuthorisedElsewhere(id: id),
            appointment.state == .confirmed
        {
            current = (appointment.date, appointment.startTime)
        }
        var best: (desk: Desk, slot: Slot)?
        for code in entry.desks {
            guard let desk = rules.network.desk(code), desk.offers(product.key) else { continue }
            let slots = try await context.freeSlots(
                desk: desk, product: product, persons: entry.persons, dates: first...last)
            guard let slot = slots.first(where: { slot in current.map { (slot.date, slot.start) < $0 } ?? true })
            else { continue }
            if best.map({ (slot.date, slot.start) < ($0.slot.date, $0.slot.start) }) ?? true { best = (desk, slot) }
        }
        guard let best else { return }
        let plan = try rules.planHold(
            desk: best.desk.code, product: product.key, persons: entry.persons, slot: best.slot.key.description,
            now: now)
        do {
            _ = try await offer(entry: entry.id, plan: plan.expiring(at: now.addingTimeInterval(offerDuration)))
        } catch let error as Refusal where error.code == "slot_full" {
            return // taken meanwhile; the entry waits for the next freed slot
        }
    }
}
