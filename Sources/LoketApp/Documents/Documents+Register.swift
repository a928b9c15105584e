import Foundation
import LoketDomain
import LoketStorage

/// Documents from production to their holder: a case system announces each; the holder books a
/// pickup at the desk where it lies or has it delivered; the courier takes the day's manifest
/// and reports each delivery.
extension Documents {
    /// A document as its holder sees it, with the delivery days on offer and the pickup.
    public struct DocumentView: Sendable {
        public let document: Document
        public let deliveryDays: [LocalDate]
        /// Whether courier delivery is offered for this document at all.
        public let deliveryOffered: Bool
        public let pickup: Appointment?
        /// Whether the holder may book a pickup: while it is ready, or instead of a delivery the
        /// courier does not have yet.
        public let pickupOffered: Bool
        /// The language of the holder's emails, which their page speaks too; nil once forgotten.
        public var holderLanguage: Customer.Language? = nil
    }

    /// The holder's details as a case system sent them, unchecked.
    public struct HolderInput: Sendable {
        public let name: String?
        public let email: String?
        public let language: String?
        public let dateOfBirth: String?

        public init(name: String?, email: String?, language: String?, dateOfBirth: String?) {
            self.name = name
            self.email = email
            self.language = language
            self.dateOfBirth = dateOfBirth
        }
    }

    /// `caseSystem` announces a document: `kind` as the desk network file names it, for the
    /// person with `vNumber`, at `desk` from `readyOn`. Returns it and the holder's token.
    public func registerDocument(
        kind: String?, vNumber: String?, holder: HolderInput?, desk: String?, readyOn: String?, caseSystem: String
    ) async throws -> (document: Document, customerToken: String) {
        let rules = self.rules
        let settings = rules.network.documentSettings
        guard let kind, !kind.isEmpty else {
            throw Refusal.invalid("kind", "required", "Name the kind of document, e.g. residence-card.")
        }
        guard let documentKind = settings.kind(kind) else {
            throw Refusal.invalid(
                "kind", "unknown_kind",
                "Known kinds: \(settings.documentKinds.map(\.key).joined(separator: ", ")).")
        }
        guard let vNumber, Customer.isValidVNumber(vNumber) else {
            throw Refusal.invalid(
                "vNumber", vNumber == nil ? "required" : "invalid", "A V-number has exactly 10 digits.")
        }
        guard let holder else { throw Refusal.invalid("holder", "required", "Give the holder's details.") }
        let checked = try Customer.validated(
            name: holder.name, email: holder.email, phone: nil, vNumber: nil, bsn: nil, language: holder.language,
            prefix: "holder.")
        guard let bornText = holder.dateOfBirth, !bornText.isEmpty else {
            throw Refusal.invalid("holder.dateOfBirth", "required", "Give the date of birth, YYYY-MM-DD.")
        }
        guard let born = LocalDate(iso: bornText), born <= today else {
            throw Refusal.invalid("holder.dateOfBirth", "invalid_date", "Write a past date as YYYY-MM-DD.")
        }
        let atDesk = try rules.desk(desk)
        _ = try rules.product(documentKind.product, at: atDesk, field: "desk")
        guard let readyText = readyOn, !readyText.isEmpty else {
            throw Refusal.invalid("readyOn", "required", "Give the day the document is at the desk, YYYY-MM-DD.")
        }
        guard let ready = LocalDate(iso: readyText) else {
            throw Refusal.invalid("readyOn", "invalid_date", "Write the date as YYYY-MM-DD.")
        }
        return try await register(
            DocumentStore.Registration(
                kind: documentKind.key, vNumber: vNumber,
                holder: Document.Holder(
                    name: checked.name, email: checked.email, language: checked.language, dateOfBirth: born),
                desk: atDesk.code, readyOn: ready, caseSystem: caseSystem))
    }

    /// The document `id` for its holder (`token`: the customer token or the link from its emails).
    public func document(id: String, token: String?) async throws -> DocumentView {
        let stored = try await documentStore.document(id: id, token: token, now: now())
        var view = try await view(stored.document)
        view.holderLanguage = stored.holder?.language
        return view
    }

    /// Whether the document's scheduled delivery is on a manifest already fixed at `now`: the
    /// courier has the card, so it can no longer be moved or collected instead.
    func deliveryFixed(_ document: Document, now: Date) -> Bool {
        guard document.status == .deliveryScheduled, let delivery = document.delivery,
            let courier = rules.network.documentSettings.courier
        else { return false }
        return courier.manifestFixed(for: delivery.date, now: now, workingDays: rules.schedule.workingDays)
    }

    func view(_ document: Document) async throws -> DocumentView {
        let rules = self.rules
        var days: [LocalDate] = []
        let courier = rules.network.documentSettings.courier
        let offered = courier?.desks.contains(document.desk) ?? false
        if let courier, offered, [.ready, .deliveryScheduled].contains(document.status) {
            let now = now()
            let today = DeskTime(now, timeZone: rules.timeZone).date
            let booked = try await documentStore.scheduledPerDay(today...today.adding(days: 3 * courier.offered))
            days = courier.deliveryDays(
                readyOn: document.readyOn, now: now, booked: booked, workingDays: rules.schedule.workingDays)
        }
        let pickup = try await document.pickupAppointment.asyncMap {
            try await appointmentStore.appointmentAuthorisedElsewhere(id: $0)
        }
        return DocumentView(
            document: document, deliveryDays: days, deliveryOffered: offered, pickup: pickup ?? nil,
            pickupOffered: document.status == .ready
                || (document.status == .deliveryScheduled && !deliveryFixed(document, now: now())))
    }

    /// Books the pickup of document `id` at `desk` (the desk where it lies) in `slot` (a pickup
    /// slot on or after the day it is ready), for its holder.
    public func bookDocumentPickup(
        id: String, token: String?, desk: String?, slot: String?, client: String?
    ) async throws -> ConfirmedBooking {
        try await useCase("documents.book-pickup") {
            try context.admit(.holds, client: client)
            let stored = try await documentStore.document(id: id, token: token, now: now())
            let document = stored.document
            let rules = self.rules
            guard let desk, !desk.isEmpty else {
                throw Refusal.invalid(
                    "desk", "required", "Name the desk, \(document.desk), where the document lies.")
            }
            guard desk == document.desk else {
                throw Refusal.invalid(
                    "desk", "not_where_the_document_is", "The document lies at \(document.desk); book the pickup there."
                )
            }
            let product = rules.network.documentSettings.kind(document.kind)?.product ?? "DOC"
            if let key = slot.flatMap(SlotKey.init), key.date < document.readyOn {
                throw Refusal.invalid(
                    "slot", "before_ready",
                    "The document is at the desk from \(document.readyOn); choose a slot from then."
                )
            }
            let now = now()
            let plan = try rules.planHold(
                desk: desk, product: product, persons: 1, slot: slot, now: now,
                withheld: try await context.withholding(desk: desk, product: product))
            let customer = Customer(
                name: stored.holder?.name ?? "", email: stored.holder?.email ?? "", phone: nil, vNumber: stored.vNumber,
                language: stored.holder?.language ?? .en)
            let people = try rules.people(of: customer, product: product, persons: 1)
            let booking = try await bookPickup(
                id: id, token: token, plan: plan, customer: customer, people: people,
                deliveryFixed: deliveryFixed(document, now: now), now: now)
            context.capacityChanges.announce(plan.desk)
            logger.info(
                "document pickup booked", metadata: ["document": "\(id)", "appointment": "\(booking.appointment.id)"])
            metrics.bookings.increment()
            return booking
        }
    }

    /// Schedules (or moves, until the manifest is fixed) courier delivery of document `id` to a
    /// Dutch `address` on `date`, one of the days on offer.
    /// The holder's `dateOfBirth` is asked too: a link alone (forwarded, or read over a
    /// shoulder) must not send a residence card to another door.
    public func scheduleDocumentDelivery(
        id: String, token: String?, street: String?, houseNumber: String?, postcode: String?, city: String?,
        date dateText: String?, dateOfBirth: String?
    ) async throws -> Delivery {
        try await useCase("documents.schedule-delivery") {
            let rules = self.rules
            let stored = try await documentStore.document(id: id, token: token, now: now())
            guard case .success(let born?) = Customer.dateOfBirth(dateOfBirth, field: "dateOfBirth") else {
                throw Refusal.invalid("dateOfBirth", "required", "Give the holder's date of birth, YYYY-MM-DD.")
            }
            // Counted per document, like a V-number's: a leaked link cannot be tried against every day.
            let subject = "document:\(id)"
            guard
                try await context.birthDateMisses.misses([subject], today: today)[subject, default: 0]
                    < InvitationCheck.wrongBirthDatesAllowed
            else {
                throw Refusal(
                    .conflict, field: "dateOfBirth", code: "too_many_checks",
                    "Too many wrong dates of birth for this card today; try again tomorrow or book a pickup.")
            }
            guard born == stored.holder?.dateOfBirth else {
                try await context.birthDateMisses.count([subject], today: today)
                throw Refusal.invalid("dateOfBirth", "not_holder", "This is not the card holder's date of birth.")
            }
            guard let courier = rules.network.documentSettings.courier, courier.desks.contains(stored.document.desk)
            else {
                throw Refusal(
                    .conflict, field: "id", code: "no_delivery",
                    "Courier delivery is not offered for this document; book a pickup.")
            }
            let address = try DutchAddress.checked(
                street: street, houseNumber: houseNumber, postcode: postcode, city: city)
            // Refused as the lifecycle would refuse it (out for delivery, collected), before the days.
            var probe = stored.document
            do {
                try probe.scheduleDelivery(
                    Delivery(
                        id: "", date: stored.document.readyOn, window: courier.windows[0], address: address,
                        status: .scheduled, reason: nil))
            } catch let error as any RefusalConvertible {
                throw error.asRefusal
            }
            guard courier.delivers(from: stored.document.desk, to: address) else {
                throw Refusal.invalid(
                    "address.postcode", "not_delivered_here",
                    "The courier does not deliver to \(address.postcode); book a pickup.")
            }
            guard let dateText, !dateText.isEmpty else {
                throw Refusal.invalid("date", "required", "Choose one of the delivery days on offer.")
            }
            guard let date = LocalDate(iso: dateText) else {
                throw Refusal.invalid("date", "invalid_date", "Write the date as YYYY-MM-DD.")
            }
            let offered = try await view(stored.document).deliveryDays
            guard offered.contains(date) else {
                throw Refusal.invalid(
                    "date", "not_offered", "Choose one of: \(offered.map(\.iso).joined(separator: ", ")).")
            }
            return try await scheduleDelivery(
                id: id, token: token, address: address, date: date, rules: courier, now: now())
        }
    }

    /// The courier's manifest for `date` (fixed at the cutoff the working day before).
    public func courierManifest(date dateText: String?) async throws -> [ManifestLine] {
        guard let dateText, let date = LocalDate(iso: dateText) else {
            throw Refusal.invalid(
                "date", dateText == nil ? "required" : "invalid_date", "Give the date as YYYY-MM-DD.")
        }
        try await fixManifests()
        return try await documentStore.manifest(date: date)
    }

    /// The courier's report on a delivery: `delivered` or `failed` (with a reason).
    public func reportDelivery(id: String, status: String?, reason: String?, courier: String) async throws -> Document {
        guard let status, ["delivered", "failed"].contains(status) else {
            throw Refusal.invalid("status", "invalid", "Status is delivered or failed.")
        }
        let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines)
        if (reason ?? "").count > 500 { throw Refusal.invalid("reason", "too_long", "At most 500 characters.") }
        try await fixManifests()
        return try await report(
            delivery: id, delivered: status == "delivered", reason: reason?.isEmpty == true ? nil : reason,
            by: courier)
    }

    /// The collection wait per desk and week over the last `weeks` weeks (this one included),
    /// also set as the `loket_document_collection_working_days` gauges for the current week.
    public func collectionWaits(weeks: Int = 12) async throws -> [CollectionWait] {
        let rules = self.rules
        let thisWeek = today.weekStart
        let waits = CollectionWait.measure(
            try await documentStore.collected(since: thisWeek.adding(days: -7 * (weeks - 1))),
            workingDays: rules.schedule.workingDays)
        for wait in waits where wait.week == thisWeek {
            metrics.collectionWait(desk: wait.desk, quantile: "0.5").record(Double(wait.p50))
            metrics.collectionWait(desk: wait.desk, quantile: "0.9").record(Double(wait.p90))
        }
        return waits
    }

    /// Fixes the manifests whose cutoff has passed, so the courier never waits for the next
    /// periodic run to see a day's deliveries go out.
    func fixManifests() async throws {
        let rules = self.rules
        guard let courier = rules.network.documentSettings.courier else { return }
        try await dispatchDue(now: now(), rules: courier)
    }

    /// What a `PeriodicService` does every minute (tests call it): documents whose day has come
    /// are ready, manifests past their cutoff are fixed, documents unclaimed too long go back.
    public func runDocuments() async throws {
        let now = now()
        try await arriveDue(now: now)
        try await fixManifests()
        try await returnUnclaimed(now: now)
        _ = try await collectionWaits(weeks: 1)
    }
}
