import Foundation
import Logging
import LoketDomain
import LoketStorage
import Synchronization

/// Sends what the outbox holds: claims due messages, writes each in the customer's language with
/// its calendar invite, hands it to the transport, and marks it sent. A message that fails is
/// tried again with growing pauses; a reminder for an appointment since moved or cancelled is
/// skipped. A dispatcher that dies mid-way leaves its claims to expire, so nothing is lost.
public struct MailDispatcher: Sendable {
    let outbox: OutboxStore
    /// For the manage link each appointment message carries.
    let appointments: AppointmentStore
    /// For the messages about documents and their link.
    let documents: DocumentStore
    /// For invitations and their link.
    let invitations: InvitationStore
    let network: DeskNetwork
    let transport: any MailTransport
    let from: String
    /// Where customers reach Loket, for links in messages.
    let publicURL: String
    let now: @Sendable () -> Date
    let logger: Logger
    let sent: @Sendable () -> Void

    public init(
        outbox: OutboxStore, appointments: AppointmentStore, documents: DocumentStore, invitations: InvitationStore,
        network: DeskNetwork,
        transport: any MailTransport,
        from: String, publicURL: String,
        now: @escaping @Sendable () -> Date, logger: Logger,
        sent: @escaping @Sendable () -> Void = {}
    ) {
        self.outbox = outbox
        self.appointments = appointments
        self.documents = documents
        self.invitations = invitations
        self.network = network
        self.transport = transport
        self.from = from
        self.publicURL = publicURL
        self.now = now
        self.logger = logger
        self.sent = sent
    }

    /// Sends every message due now; returns how many were sent.
    @discardableResult
    public func deliverDue() async throws -> Int {
        var count = 0
        while true {
            let due = try await outbox.claimDueMessages(now: now())
            guard !due.isEmpty else { return count }
            for entry in due {
                // Its log lines name the request that wrote it.
                if try await TracedRequest.$id.withValue(entry.requestID, operation: { try await deliver(entry) }) {
                    count += 1
                }
            }
        }
    }

    func deliver(_ entry: OutboxEntry) async throws -> Bool {
        guard let message = try await compose(entry) else {
            try await outbox.markSkipped(entry, now: now())
            return false
        }
        do {
            try await transport.send(message)
        } catch {
            // Back off 10 s, 20 s, 40 s … up to an hour; the log names the outbox entry, not the person.
            let pause = entry.retryPause(base: 10)
            logger.warning(
                "mail not sent; will retry",
                metadata: ["outbox": "\(entry.id)", "attempt": "\(entry.attempts)", "retryInSeconds": "\(Int(pause))"])
            try await outbox.markFailed(
                entry, error: String(describing: error).prefix(200).description, retryAfter: pause, now: now())
            return false
        }
        try await outbox.markSent(entry, now: now())
        sent()
        logger.info("mail sent", metadata: ["outbox": "\(entry.id)", "kind": "\(entry.kind.rawValue)"])
        return true
    }

    /// The message for an outbox entry, or nil when it no longer applies.
    func compose(_ entry: OutboxEntry) async throws -> MailMessage? {
        switch entry.kind {
        case .waitlistOffer: try await composeWaitlistOffer(entry)
        case .documentReady, .deliveryNotice, .deliveryFailed: try await composeDocumentMessage(entry)
        case .invitation: try await composeInvitation(entry)
        case .awaitingPerson: try await composeAwaitingPerson(entry)
        case .waitlistJoined: try await composeWaitlistJoined(entry)
        case .drawEntered: try await composeDrawEntered(entry)
        case .turnSoon: try await composeTurnSoon(entry)
        case .notDrawn: try await composeNotDrawn(entry)
        default: try await composeAppointmentMessage(entry)
        }
    }

    /// A slot offered to someone on the waitlist; nil once the offer is no longer open.
    func composeWaitlistOffer(_ entry: OutboxEntry) async throws -> MailMessage? {
        guard let (waiting, email) = try await outbox.waitlistRecipient(entry: entry.appointmentID),
            waiting.state == .offered, let offer = waiting.offer, let token = entry.secret,
            let desk = network.desk(offer.desk), let product = network.product(waiting.product)
        else { return nil }
        let content = WaitlistOfferMessage(
            entry: waiting, offer: offer, desk: desk, product: product,
            link: MailLink.waitlistOffer.url(publicURL, waiting.id, token: token),
            organizer: from, stamp: now())
        return mail(content, to: email, for: entry, invite: content.invite)
    }

    /// An invitation to book, only while it can be used: withdrawn, lapsed or purged, it says nothing.
    func composeInvitation(_ entry: OutboxEntry) async throws -> MailMessage? {
        guard let invitation = try await invitations.invitation(id: entry.appointmentID),
            invitation.isOpen(on: DeskTime(now(), timeZone: DeskTime.amsterdam).date),
            let product = network.product(invitation.product)
        else { return nil }
        let link = MailLink.invitation.url(
            publicURL, invitation.id, token: invitations.linkToken(invitation: invitation.id))
        let content = InvitationMessage(invitation: invitation, product: product, link: link)
        return mail(content, to: invitation.email, for: entry)
    }

    /// A booking a third party made for someone, only while the hold waits: confirmed or lapsed,
    /// there is nothing to confirm.
    func composeAwaitingPerson(_ entry: OutboxEntry) async throws -> MailMessage? {
        guard let (hold, email, language) = try await invitations.awaitingRecipient(hold: entry.appointmentID),
            let token = entry.secret, let desk = network.desk(hold.desk),
            let product = network.product(hold.product)
        else { return nil }
        let content = AwaitingPersonMessage(
            hold: hold, desk: desk, product: product, language: language,
            link: MailLink.awaitingPerson.url(publicURL, hold.id, token: token))
        return mail(content, to: email, for: entry)
    }

    /// The receipt for joining the waitlist, only while they still wait: an offer or their
    /// leaving says more, or is moot.
    func composeWaitlistJoined(_ entry: OutboxEntry) async throws -> MailMessage? {
        guard let (waiting, email) = try await outbox.waitlistRecipient(entry: entry.appointmentID),
            waiting.state == .waiting, let token = entry.secret, let product = network.product(waiting.product)
        else { return nil }
        let content = WaitlistJoinedMessage(
            entry: waiting, product: product, desks: waiting.desks.compactMap(network.desk),
            link: MailLink.waitlistEntry.url(publicURL, waiting.id, token: token))
        return mail(content, to: email, for: entry)
    }

    /// The receipt for entering a draw, only before the draw: its result is a message of its own.
    func composeDrawEntered(_ entry: OutboxEntry) async throws -> MailMessage? {
        guard
            let (draw, drawEntry, email, language) = try await outbox.drawEntryRecipient(
                entry: entry.appointmentID),
            drawEntry.status == .entered, let token = entry.secret, let product = network.product(draw.product),
            let desk = network.desk(draw.desk)
        else { return nil }
        let content = DrawEnteredMessage(
            draw: draw, entry: drawEntry, product: product, desk: desk, language: language,
            link: MailLink.drawEntry.url(publicURL, draw.id, drawEntry.id, token: token))
        return mail(content, to: email, for: entry)
    }

    /// That a checked-in customer's turn comes soon.
    func composeTurnSoon(_ entry: OutboxEntry) async throws -> MailMessage? {
        guard
            let (recipient, ticket) = try await outbox.turnSoonRecipient(
                appointment: entry.appointmentID, today: DeskTime(now(), timeZone: DeskTime.amsterdam).date),
            let desk = network.desk(recipient.appointment.desk)
        else { return nil }
        let content = TurnSoonMessage(ticket: ticket, desk: desk, language: recipient.appointment.language)
        return mail(content, to: recipient.email, for: entry)
    }

    /// That a draw passed someone by, only while they still wait: an offer may have come first,
    /// and says more.
    func composeNotDrawn(_ entry: OutboxEntry) async throws -> MailMessage? {
        guard let (waiting, email) = try await outbox.waitlistRecipient(entry: entry.appointmentID),
            waiting.state == .waiting, let product = network.product(waiting.product)
        else { return nil }
        let content = NotDrawnMessage(
            entry: waiting, product: product, desks: waiting.desks.compactMap(network.desk))
        return mail(content, to: email, for: entry)
    }

    /// A message about an appointment, with its manage link and calendar invite; a reminder for
    /// an appointment since cancelled or changed is skipped.
    func composeAppointmentMessage(_ entry: OutboxEntry) async throws -> MailMessage? {
        guard let kind = entry.kind.appointmentMessage, let recipient = try await outbox.recipient(of: entry),
            let desk = network.desk(recipient.appointment.desk),
            let product = network.product(recipient.appointment.product)
        else {
            return nil
        }
        if entry.kind == .reminder
            && (recipient.appointment.state == .cancelled || recipient.revision != entry.revision)
        {
            return nil
        }
        let appointment = recipient.appointment
        let link = MailLink.manage.url(
            publicURL, appointment.id, token: appointments.manageLinkToken(appointment: appointment.id))
        let content = AppointmentMessage(
            kind: kind, appointment: appointment, desk: desk, product: product,
            sequence: entry.revision, organizer: from, stamp: now(), manageLink: link)
        return mail(content, to: recipient.email, for: entry, invite: content.invite)
    }

    /// `content` addressed to `to`, with the outbox entry's stable message id.
    func mail(
        _ content: some EmailContent, to: String, for entry: OutboxEntry, invite: CalendarInvite? = nil
    ) -> MailMessage {
        MailMessage(
            from: from, to: to, subject: content.subject, messageID: "\(entry.id)@loket", text: content.text,
            html: content.html, invite: invite, date: now())
    }

    /// A message about a document; nil when it no longer applies (the delivery was moved, the
    /// document collected or its holder's details purged).
    func composeDocumentMessage(_ entry: OutboxEntry) async throws -> MailMessage? {
        let kind: DocumentMessage.Kind
        let stored: DocumentStore.Stored
        switch entry.kind {
        case .deliveryNotice:
            guard let (found, delivery) = try await documents.deliveryForMessage(id: entry.appointmentID) else {
                return nil
            }
            (kind, stored) = (.deliveryNotice(delivery), found)
        case .deliveryFailed:
            guard let found = try await documents.documentForMessage(id: entry.appointmentID),
                found.document.status == .ready
            else { return nil }
            (kind, stored) = (.deliveryFailed, found)
        default:
            guard let found = try await documents.documentForMessage(id: entry.appointmentID),
                found.document.status == .ready
            else { return nil }
            (kind, stored) = (.ready, found)
        }
        let settings = network.documentSettings
        guard let holder = stored.holder, let desk = network.desk(stored.document.desk),
            let documentKind = settings.kind(stored.document.kind)
        else { return nil }
        let id = stored.document.id
        let content = DocumentMessage(
            kind: kind, document: stored.document, holder: holder,
            documentName: documentKind.name(holder.language), desk: desk,
            deliveryOffered: settings.courier?.desks.contains(desk.code) ?? false,
            link: MailLink.document.url(publicURL, id, token: documents.linkToken(document: id)))
        return mail(content, to: holder.email, for: entry)
    }
}
