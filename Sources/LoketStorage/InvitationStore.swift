import Foundation
import LoketDomain
import SQLKit

/// The case system's invitations (table `invitations`) and the third parties' bookings that wait
/// for an invited person (`awaiting_people`). An invitation's email is always written to the
/// outbox, even by a process that sends no mail (`loket invite`): an invitation nobody hears of is worth
/// nothing, and the server that sends mail takes it from the shared database.
public struct InvitationStore: Sendable {
    let database: Database
    let links: ManageLinkKeys

    public init(database: Database, links: ManageLinkKeys) {
        self.database = database
        self.links = links
    }

    /// Stores an invitation `caseSystem` made, inside the use case's transaction.
    public static func insert(
        _ request: InvitationRequest, caseSystem: String, now: Date, in tx: Transaction
    ) async throws -> Invitation {
        let invitation = Invitation(
            id: Identifiers.make(), product: request.product, vNumber: request.vNumber,
            dateOfBirth: request.dateOfBirth, email: request.email, language: request.language,
            validUntil: request.validUntil)
        try await tx.db.raw(
            """
            INSERT INTO invitations (id, case_system_id, product, v_number, date_of_birth, email, language,
                valid_until, created_at)
            VALUES (\(bind: invitation.id), \(bind: caseSystem), \(bind: invitation.product),
                \(bind: invitation.vNumber), \(bind: invitation.dateOfBirth.iso), \(bind: invitation.email),
                \(bind: invitation.language.rawValue), \(bind: invitation.validUntil.iso), \(bind: now.millis))
            """
        ).run()
        return invitation
    }

    /// Takes invitation `id` back; false when `caseSystem` (nil: anyone) made no such open invitation.
    public func withdraw(id: String, caseSystem: String?, now: Date) async throws -> Bool {
        // Nil: whoever made it (the operator's command line).
        let maker: SQLQueryString = caseSystem.map { "case_system_id = \(bind: $0)" } ?? "1 = 1"
        return try await database.transaction { db in
            try await db.raw(
                """
                UPDATE invitations SET withdrawn_at = \(bind: now.millis)
                WHERE id = \(bind: id) AND \(maker) AND withdrawn_at IS NULL AND purged_at IS NULL
                RETURNING id
                """
            ).first() != nil
        }
    }

    /// The invitation `id`, whatever its state; nil once unknown or purged.
    public func invitation(id: String) async throws -> Invitation? {
        let row = try await database.read { db in
            try await db.raw("SELECT * FROM invitations WHERE id = \(bind: id) AND purged_at IS NULL").first()
        }
        return try row.map { try Self.invitation(from: $0) }
    }

    /// Whether `token` is the link token of invitation `id` (from its email).
    public func opens(_ token: String, invitation id: String) -> Bool { links.opens(token, invitation: id) }

    /// The link token in invitation `id`'s email.
    public func linkToken(invitation id: String) -> String { links.token(invitation: id) }

    /// The open invitations of `vNumbers` on `today`, for any product.
    public func open(vNumbers: [String], today: LocalDate) async throws -> [Invitation] {
        guard !vNumbers.isEmpty else { return [] }
        let rows = try await database.read { db in
            try await db.raw(
                """
                SELECT * FROM invitations WHERE v_number IN (\(SQLList(vNumbers.map { SQLBind($0) })))
                    AND withdrawn_at IS NULL AND purged_at IS NULL AND valid_until >= \(bind: today.iso)
                """
            ).all()
        }
        return try rows.map(Self.invitation(from:))
    }

    /// A third party booked `hold` for the person of `invitation`, inside the use case's
    /// transaction: the hold gets a new secret, returned for the email that goes to the
    /// invitation's own address, and `customer` is kept until the person confirms or the hold
    /// lapses. Nil, changing nothing, unless `holdToken` is the hold's secret now and the hold
    /// still active.
    public static func awaitPerson(
        hold: String, holdToken: String, invitation: String, customer: Customer, now: Date, in tx: Transaction
    ) async throws -> String? {
        let stillTheMakers: SQLQueryString = "state = 'active' AND token_hash = \(bind: Identifiers.hash(holdToken))"
        guard let token = try await Identifiers.freshToken(for: "holds", id: hold, if: stillTheMakers, on: tx.db) else {
            return nil
        }
        try await tx.db.raw(
            """
            INSERT INTO awaiting_people (hold_id, invitation_id, customer, created_at)
            VALUES (\(bind: hold), \(bind: invitation), \(bind: String(decoding: try JSONEncoder().encode(customer), as: UTF8.self)),
                \(bind: now.millis))
            """
        ).run()
        return token
    }

    /// What a third party's booking waiting for its person names (the invitation and the
    /// people), if `token` is the secret of its still active hold (from the person's email).
    public func awaiting(hold: String, token: String) async throws -> (invitation: String, customer: Customer)? {
        let row = try await database.read { db in
            try await db.raw(
                """
                SELECT a.invitation_id, a.customer FROM awaiting_people a JOIN holds h ON h.id = a.hold_id
                WHERE a.hold_id = \(bind: hold) AND h.state = 'active' AND h.token_hash = \(bind: Identifiers.hash(token))
                """
            ).first()
        }
        guard let row else { return nil }
        let customer = try JSONDecoder().decode(
            Customer.self, from: Data(try row.decode(column: "customer", as: String.self).utf8))
        return (try row.decode(column: "invitation_id", as: String.self), customer)
    }

    /// Whether a third party's booking for the person of `invitation` still waits: one at a time,
    /// so that nobody can fill their mailbox with links.
    public func awaitsAlready(invitation: String) async throws -> Bool {
        try await database.read { db in
            try await db.raw(
                """
                SELECT a.hold_id FROM awaiting_people a JOIN holds h ON h.id = a.hold_id
                WHERE a.invitation_id = \(bind: invitation) AND h.state = 'active'
                """
            ).first() != nil
        }
    }

    /// The hold's person has confirmed it: who it named is no longer kept here.
    public func awaited(hold: String) async throws {
        try await database.transaction { db in
            try await db.raw("DELETE FROM awaiting_people WHERE hold_id = \(bind: hold)").run()
        }
    }

    /// The email of a booking waiting for its person: the hold, where it goes, in which
    /// language; nil once the hold is no longer active or the invitation gone.
    public func awaitingRecipient(
        hold id: String
    ) async throws -> (hold: Hold, email: String, language: Customer.Language)? {
        try await database.read { db in
            guard
                let row = try await db.raw(
                    """
                    SELECT i.email, i.language FROM awaiting_people a JOIN invitations i ON i.id = a.invitation_id
                    WHERE a.hold_id = \(bind: id) AND i.email IS NOT NULL
                    """
                ).first(),
                let held = try await db.raw("SELECT * FROM holds WHERE id = \(bind: id) AND state = 'active'").first()
            else { return nil }
            return (
                try HoldRow(decoding: held).hold, try row.decode(column: "email", as: String.self),
                Customer.Language(rawValue: try row.decode(column: "language", as: String.self)) ?? .en
            )
        }
    }

    static func invitation(from row: any SQLRow) throws -> Invitation {
        let stored = try row.decode(model: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
        guard let vNumber = stored.vNumber, let birth = stored.dateOfBirth.flatMap(LocalDate.init(iso:)),
            let email = stored.email, let until = LocalDate(iso: stored.validUntil)
        else { throw Unreadable(id: stored.id) }
        return Invitation(
            id: stored.id, product: stored.product, vNumber: vNumber, dateOfBirth: birth, email: email,
            language: Customer.Language(rawValue: stored.language) ?? .en, validUntil: until,
            withdrawn: stored.withdrawnAt != nil)
    }

    struct Row: Decodable {
        let id: String, product: String, vNumber: String?, dateOfBirth: String?, email: String?
        let language: String, validUntil: String, withdrawnAt: Int64?
    }

    struct Unreadable: Error, CustomStringConvertible {
        let id: String
        var description: String { "invitation \(id) has no personal data (purged)" }
    }
}
