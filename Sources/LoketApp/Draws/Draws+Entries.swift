import Crypto
import Foundation
import LoketDomain
import LoketStorage

/// Draws at peak times (loting): a product at a desk in draw mode gives out the capacity it
/// releases by lot among the requests made during a window, instead of to whoever polls fastest.
extension Draws {
    /// How long an allocated draw stays in the list.
    static let recentDraws: TimeInterval = 14 * 24 * 3600

    /// Open draws, and those allocated in the last two weeks, newest first; optionally for one
    /// desk or product (each checked).
    public func listed(desk: String?, product: String?) async throws -> [Draw] {
        if let desk, !desk.isEmpty { _ = try rules.desk(desk) }
        if let product, !product.isEmpty, network.product(product) == nil {
            throw Refusal(.notFound, field: "product", code: "unknown_product", "There is no product \(product).")
        }
        return try await drawStore.draws(
            desk: desk?.nilIfEmpty, product: product?.nilIfEmpty, since: now().addingTimeInterval(-Self.recentDraws))
    }

    public func draw(id: String) async throws -> Draw {
        guard let draw = try await drawStore.draw(id: id) else {
            throw Refusal(.notFound, field: "id", code: "unknown_draw", "There is no draw \(id).")
        }
        return draw
    }

    /// Enters the draw `id` for the person with `vNumber` and their companions (`customer`), at
    /// the draw's desk and, if not drawn, the other `desks` for the waitlist; on any of `days` of
    /// the draw (none: any). Each person may enter once per draw, and not while they have an
    /// appointment for the product. Checked in the order of the request.
    public func enter(
        id: String, vNumber: String?, persons: Int?, desks codes: [String]?, days dayTexts: [String]?,
        customer: Result<Customer, Refusal>, client: String?
    ) async throws -> (entry: DrawEntry, token: String) {
        try await useCase("draws.enter") {
            try context.admit(.drawEntries, client: client)
            let rules = self.rules
            let draw = try await draw(id: id)
            do {
                try draw.admitsEntry(at: now())
            } catch let error as any RefusalConvertible {
                throw error.asRefusal
            }
            guard let vNumber = vNumber?.trimmingCharacters(in: .whitespaces), !vNumber.isEmpty else {
                throw Refusal.invalid(
                    "vNumber", "required", "Give your V-number (10 digits): each person may enter a draw once.")
            }
            guard Customer.isValidVNumber(vNumber) else {
                throw Refusal.invalid("vNumber", "invalid", "A V-number has exactly 10 digits.")
            }
            let persons = try rules.persons(persons)
            let desks = try drawDesks(codes, draw: draw, rules: rules)
            var days: [LocalDate] = []
            for (index, text) in (dayTexts ?? []).enumerated() {
                guard let day = LocalDate(iso: text) else {
                    throw Refusal.invalid("days[\(index)]", "invalid_date", "Write the date as YYYY-MM-DD.")
                }
                guard draw.allDays.contains(day) else {
                    throw Refusal.invalid(
                        "days[\(index)]", "not_in_draw",
                        "This draw gives places on \(draw.allDays.map(\.iso).joined(separator: ", ")) only.")
                }
                if !days.contains(day) { days.append(day) }
            }
            var entrant = try customer.get()
            entrant = Customer(
                name: entrant.name, email: entrant.email, phone: entrant.phone, vNumber: vNumber,
                dateOfBirth: entrant.dateOfBirth, language: entrant.language, companions: entrant.companions)
            let people = try rules.everyone(of: entrant, persons: persons)
            do {
                try await context.requireInvited(entrant, product: draw.product, client: client)
            } catch let refusal as Refusal where refusal.field == "customer.vNumber" {
                // A draw entry names its entrant's V-number at the top.
                throw Refusal.invalid("vNumber", refusal.code, refusal.message)
            }
            let request = DrawStore.EntryRequest(
                persons: persons, desks: desks, days: days, customer: entrant, people: people)
            let (now, outbox) = (now(), context.outbox)
            let entered = try await database.write { tx in
                guard let current = try await DrawStore.draw(id: draw.id, in: tx) else { throw Refusal.unknownDraw(id) }
                try decided { () throws(TransitionError<Draw.State, Draw.Event>) in try current.admitsEntry(at: now) }
                let entered = try await DrawStore.enter(current, request, now: now, in: tx)
                // The receipt with the entry's link, which opens in any browser.
                try await OutboxStore.enqueue(
                    .drawEntered, appointment: entered.entry.id, revision: 0, start: nil, now: now, settings: outbox,
                    secret: entered.token, in: tx)
                return entered
            }
            logger.info("draw entered", metadata: ["draw": "\(draw.id)", "entry": "\(entered.entry.id)"])
            metrics.drawEntries.increment()
            return (entered.entry, entered.token)
        }
    }

    /// The desks of an entry: the draw's own first, then the others named (for the waitlist),
    /// each offering the product, duplicates once, at most `WaitlistEntry.maxDesks`.
    private func drawDesks(_ codes: [String]?, draw: Draw, rules: BookingRules) throws(Refusal) -> [String] {
        let codes = codes ?? [draw.desk]
        guard codes.count <= WaitlistEntry.maxDesks else {
            throw .invalid("desks", "too_many", "Choose at most \(WaitlistEntry.maxDesks) desks.")
        }
        for (index, code) in codes.enumerated() {
            _ = try rules.product(
                draw.product, at: try rules.desk(code, field: "desks[\(index)]"), field: "desks[\(index)]")
        }
        guard codes.contains(draw.desk) else {
            throw .invalid("desks", "missing_draw_desk", "Name the draw's desk, \(draw.desk), among your desks.")
        }
        var seen: Set<String> = [draw.desk]
        return [draw.desk] + codes.filter { seen.insert($0).inserted }
    }

    /// The entry and, once drawn, its appointment; `token` is the one the entry was given.
    public func entry(draw: String, id: String, token: String?) async throws -> (DrawEntry, Appointment?) {
        let entry = try await drawStore.entry(draw: draw, id: id, token: token)
        let appointment = try await entry.appointment.asyncMap {
            try await appointmentStore.appointmentAuthorisedElsewhere(id: $0)
        }
        return (entry, appointment ?? nil)
    }

    /// The published result of an allocated draw.
    public func result(id: String) async throws -> DrawResult {
        let draw = try await draw(id: id)
        guard draw.state == .allocated, let seed = draw.seedValue,
            let counts = try await drawStore.result(draw: id)
        else {
            throw Refusal(
                .conflict, field: "id", code: "not_allocated",
                "This draw has not been allocated yet; its result is published when its window has closed.")
        }
        let stored = Dictionary(uniqueKeysWithValues: try await drawStore.entries(draw: id).map { ($0.entry.id, $0) })
        let allocation = DrawOrder.order(Array(stored.keys), seed: seed).enumerated().map {
            DrawResult.Place(position: $0.offset + 1, entry: $0.element, slot: stored[$0.element]?.slot)
        }
        return DrawResult(
            draw: draw, entries: counts.entries, drawn: counts.drawn, digest: counts.digest, allocation: allocation)
    }

    // MARK: Draw mode

    /// The draw modes set (by managers or the rule).
    public func modes(desk: String? = nil) async throws -> [DrawMode] {
        try await drawStore.modes(desk: desk)
    }

    /// A desk manager puts `product` at `desk` in draw mode or takes it out; their word stands
    /// against the rule until they change it. Days already published stay bookable first-come.
    public func setMode(desk code: String, product key: String, on: Bool, staff: String) async throws {
        let rules = self.rules
        let desk = try rules.desk(code)
        let product = try rules.product(key, at: desk)
        let today = self.today
        if try await drawStore.setMode(
            desk: desk.code, product: product.key, on: on, setBy: .manager,
            publishedThrough: on ? rules.horizon(from: today) : nil,
            reservePublishedThrough: on ? rules.schedule.urgentReleaseDate(today: today) : nil, now: now())
        {
            context.capacityChanges.announceDraws(desk.code)
        }
        try await audit(.drawModeSet, by: staff, target: product.key, desk: desk.code, detail: on ? "on" : "off")
    }

    // MARK: Running the draws

    /// What a `PeriodicService` does every 30 s (tests call it directly): the rule switches draw
    /// modes, products in draw mode open draws for capacity that came up, and draws whose
    /// window has closed are allocated.
    @discardableResult
    public func run() async throws -> (opened: Int, allocated: Int) {
        try await applyDrawRule()
        let rules = self.rules
        var opened = 0
        for mode in try await drawStore.modes() where mode.on {
            guard let desk = rules.network.desk(mode.desk), let product = rules.network.product(mode.product),
                desk.offers(product.key),
                let opening = rules.nextDraw(for: mode, desk: desk, product: product, now: now())
            else { continue }
            let now = now()
            let today = DeskTime(now, timeZone: rules.timeZone).date
            let usage = try await capacityStore.usage(desk: desk.code, dates: today...rules.horizon(from: today))
            let places = (
                days: rules.drawPlaces(
                    desk: desk, product: product, days: opening.days, reserveDays: [], usage: usage, now: now),
                reserve: rules.drawPlaces(
                    desk: desk, product: product, days: [], reserveDays: opening.reserveDays, usage: usage, now: now)
            )
            if let draws = try await drawStore.open(opening, places: places, mode: mode, now: now) {
                context.capacityChanges.announceDraws(mode.desk)
                opened += draws.count
            }
        }
        var allocated = 0
        for draw in try await drawStore.due(now: now()) where try await allocate(draw) {
            allocated += 1
        }
        return (opened, allocated)
    }

    /// The rule in the network file switches draw mode on while a product's published wait is
    /// above the norm and off once it is back; a manager's setting is left alone.
    func applyDrawRule() async throws {
        let rule = rules.network.fairness.drawRule
        guard rule.whenWaitAbove != nil else { return }
        let rules = self.rules
        let today = self.today
        let modes = Dictionary(
            try await drawStore.modes().map { ("\($0.desk)\t\($0.product)", $0) }, uniquingKeysWith: { a, _ in a })
        for wait in try await availability.waitTimes() {
            guard let wants = rule.wantsDraw(wait: wait.workingDaysToThirdSlot) else { return }
            let mode = modes["\(wait.desk)\t\(wait.product)"]
            guard mode?.setBy != .manager, wants != (mode?.on ?? false) else { continue }
            if try await drawStore.setMode(
                desk: wait.desk, product: wait.product, on: wants, setBy: .rule,
                publishedThrough: wants ? rules.horizon(from: today) : nil,
                reservePublishedThrough: wants ? rules.schedule.urgentReleaseDate(today: today) : nil, now: now())
            {
                context.capacityChanges.announceDraws(wait.desk)
            }
        }
    }

    /// Allocates a draw whose window has closed: entries in the order drawn from a fresh seed,
    /// each the earliest free slot on the days it accepts, at most one place per entry; those
    /// left join the waitlist in draw order. Resumes an allocation whose server stopped (the
    /// order follows from the stored seed, and decided entries are skipped). False when another
    /// run is allocating it.
    func allocate(_ due: Draw) async throws -> Bool {
        guard
            let draw = try await drawStore.claimAllocation(draw: due.id, seed: .random(in: .min ... .max), now: now()),
            let seed = draw.seedValue
        else { return false }
        let rules = self.rules
        guard let desk = rules.network.desk(draw.desk), let product = rules.network.product(draw.product) else {
            return false
        }
        let entries = Dictionary(
            uniqueKeysWithValues: try await drawStore.entries(draw: draw.id).map { ($0.entry.id, $0) })
        let order = DrawOrder.order(Array(entries.keys), seed: seed)
        let now = now()
        let today = DeskTime(now, timeZone: rules.timeZone).date
        let dates = today...rules.horizon(from: today)
        var usage = try await capacityStore.usage(desk: desk.code, dates: dates)
        var slots: [String: SlotKey] = entries.compactMapValues(\.slot)
        // An entry whose people are no longer all invited (an invitation withdrawn or lapsed
        // since they entered) is drawn for nothing and does not join the waitlist.
        let invited: Set<String>? =
            product.requiresInvitation
            ? try await context.invited(Set(entries.values.flatMap(\.people)), product: product.key) : nil
        for (position, id) in order.enumerated() {
            guard let stored = entries[id], stored.entry.status == .entered else { continue }
            if let invited, !stored.people.allSatisfy(invited.contains) {
                _ = try await placeNotDrawn(stored, waitlist: nil, now: now)
                continue
            }
            var placed = false
            // Capacity another channel took meanwhile (urgent bookings pass draws): look again, a few times.
            attempts: for _ in 0..<3 {
                guard
                    let slot = rules.drawPlace(
                        draw: draw, entry: stored.entry, desk: desk, product: product, usage: usage, now: now),
                    let plan = try? rules.planHold(
                        desk: desk.code, product: product.key, persons: stored.entry.persons,
                        slot: slot.key.description, now: now, urgent: draw.reserveDays.contains(slot.date))
                else { break attempts }
                do {
                    try await placeDrawn(stored, plan: plan, now: now)
                    for unit in plan.units { usage[unit, default: 0] += 1 }
                    slots[id] = slot.key
                    placed = true
                    metrics.drawPlacesGiven.increment()
                    metrics.bookings.increment()
                    break attempts
                } catch let error as Refusal where error.code == "slot_full" {
                    usage = try await capacityStore.usage(desk: desk.code, dates: dates)
                } catch let error as Refusal where error.code == "already_booked" {
                    break attempts // they booked elsewhere meanwhile: nothing to give, nothing to wait for
                }
            }
            if !placed {
                let waitlist = WaitlistRequest(
                    product: product.key, persons: stored.entry.persons, desks: stored.entry.desks, from: today,
                    to: stored.entry.days.max() ?? rules.horizon(from: today), urgent: false, expiresOn: nil,
                    customer: stored.customer, appointment: nil, people: stored.people)
                // Not drawn: in line in draw order, one millisecond apart.
                _ = try await placeNotDrawn(
                    stored, waitlist: waitlist, now: now.addingTimeInterval(Double(position) / 1000))
            }
        }
        let allocation = order.map { (entry: $0, slot: slots[$0]) }
        let digest = SHA256.hash(data: Data(DrawOrder.allocationText(allocation).utf8))
            .map { String(format: "%02x", $0) }.joined()
        if let desk = try await drawStore.finish(
            draw: draw.id, entries: order.count, drawn: slots.count, digest: digest, now: now)
        {
            context.capacityChanges.announceDraws(desk)
        }
        metrics.drawsAllocated.increment()
        // Not-drawn entries may already fit capacity freed elsewhere.
        context.matcherWakeUp.signal()
        return true
    }
}

extension String {
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}
