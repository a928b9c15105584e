import Foundation
import LoketDomain
import LoketStorage

extension Loket {
    /// Offers free capacity to the waitlist in its fair order: each waiting person gets the
    /// earliest free slot at their desks within their window (earlier than the appointment they
    /// want to improve, and not one they passed on), held for them while the offer lasts.
    /// Runs after every cancellation and every second with the sweeper; returns the offers made.
    @discardableResult
    func offerFreedCapacity() async throws -> Int {
        let waiting = try await waitlistStore.activeWaitlist().filter { $0.state == .waiting }.sorted(
            by: WaitlistEntry.fairOrder)
        guard !waiting.isEmpty else { return 0 }
        let now = now()
        let local = DeskTime(now, timeZone: rules.timeZone)
        var offers = 0
        for entry in waiting {
            guard let product = network.product(entry.product) else { continue }
            let first = max(entry.from, local.date)
            let last = min(entry.to, rules.horizon(from: local.date))
            guard first <= last else { continue }
            var current: (LocalDate, LocalTime)?
            if let id = entry.appointment, let appointment = try await appointmentStore.appointmentForWaitlist(id: id),
                appointment.state == .confirmed
            {
                current = (appointment.date, appointment.startTime)
            }
            let passed = try await waitlistStore.passedSlots(entry: entry.id)
            var best: (desk: Desk, slot: Slot)?
            for code in entry.desks {
                guard let desk = network.desk(code), desk.offers(product.key) else { continue }
                let slots = try await freeSlots(
                    desk: desk, product: product, persons: entry.persons, dates: first...last)
                guard
                    let slot = slots.first(where: { slot in
                        !passed.contains("\(desk.code)/\(slot.key)")
                            && current.map { (slot.date, slot.start) < $0 } ?? true
                    })
                else { continue }
                if best == nil || (slot.date, slot.start) < (best!.slot.date, best!.slot.start) { best = (desk, slot) }
            }
            guard let best else { continue }
            let plan = try rules.planHold(
                desk: best.desk.code, product: product.key, persons: entry.persons,
                slot: best.slot.key.description, now: now)
            do {
                if try await waitlistStore.makeOffer(
                    entry: entry.id, plan: plan.expiring(at: now.addingTimeInterval(offerDuration)), now: now) != nil
                {
                    offers += 1
                }
            } catch let error as BookingError where error.code == "slot_full" {
                continue // taken meanwhile; the next run finds another
            }
        }
        return offers
    }
}
