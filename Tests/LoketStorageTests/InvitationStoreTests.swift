import Foundation
import LoketDomain
import LoketStorage
import LoketTestSupport
import Testing

/// The invitation tables (`InvitationStore`: invitations and the third parties' bookings that
/// wait for an invited person), on a real SQLite file and a real PostgreSQL server: what each
/// operation writes and reads back, and that a withdrawal or a waiting booking is written only
/// under its condition (its maker, an open invitation, the hold's secret). The use cases are
/// tested in LoketAppTests.
@Suite(.timeLimit(.minutes(3))) struct InvitationStoreTests {
    let rules = BookingRules(network: TestNetwork.network)

    static func day(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    static func request(_ name: String, product: String = "BIO", until: String = "2022-06-30") -> InvitationRequest {
        try! InvitationRequest.checked(
            product: product, vNumber: TestPeople.vNumber(name), dateOfBirth: "1990-05-17",
            email: "\(name.lowercased())@example.nl", language: "uk", validUntil: until,
            network: TestNetwork.network, today: day("2022-06-01"))
    }

    /// Runs `body` with the invitation store (and one signing key for its links) on a new database.
    func withInvitations(
        _ engine: TestDatabase.Engine, _ body: (Stores, InvitationStore) async throws -> Void
    ) async throws {
        let links = try ManageLinkKeys([ManageLinkKeys.randomSecret()])
        try await withStores(engine) { store in
            try await body(store, InvitationStore(database: store.database, links: links))
        }
    }

    func invite(
        _ store: Stores, _ request: InvitationRequest, by caseSystem: String = "cs-1", now: Date
    ) async throws -> Invitation {
        try await store.database.write { tx in
            try await InvitationStore.insert(request, caseSystem: caseSystem, now: now, in: tx)
        }
    }

    /// An invitation is read back with every field, whatever its state; an unknown one is nil.
    @Test(arguments: TestDatabase.engines)
    func anInvitationIsReadBackAsMade(engine: TestDatabase.Engine) async throws {
        try await withInvitations(engine) { store, invitations in
            let now = ManualClock(date: "2022-06-01").now
            let made = try await invite(store, Self.request("Ana"), now: now)
            let expected = Invitation(
                id: made.id, product: "BIO", vNumber: TestPeople.vNumber("Ana"), dateOfBirth: Self.day("1990-05-17"),
                email: "ana@example.nl", language: .uk, validUntil: Self.day("2022-06-30"), withdrawn: false)
            #expect(made == expected)
            #expect(try await invitations.invitation(id: made.id) == expected)
            #expect(try await invitations.invitation(id: "none") == nil)
        }
    }

    /// Only the case system that made an invitation takes it back (the command line, nil, takes
    /// any), and only once; a refused withdrawal reports false and changes nothing.
    @Test(arguments: TestDatabase.engines)
    func anInvitationIsWithdrawnOnceByItsMaker(engine: TestDatabase.Engine) async throws {
        try await withInvitations(engine) { store, invitations in
            let now = ManualClock(date: "2022-06-01").now
            let ana = try await invite(store, Self.request("Ana"), now: now).id
            let bo = try await invite(store, Self.request("Bo"), by: "cs-2", now: now).id
            #expect(!(try await invitations.withdraw(id: ana, caseSystem: "cs-2", now: now)))
            #expect(try await invitations.invitation(id: ana)?.withdrawn == false)
            #expect(try await invitations.withdraw(id: ana, caseSystem: "cs-1", now: now))
            #expect(try await invitations.invitation(id: ana)?.withdrawn == true)
            #expect(!(try await invitations.withdraw(id: ana, caseSystem: "cs-1", now: now)))
            #expect(!(try await invitations.withdraw(id: ana, caseSystem: nil, now: now)))
            #expect(try await invitations.withdraw(id: bo, caseSystem: nil, now: now))
            #expect(!(try await invitations.withdraw(id: "none", caseSystem: nil, now: now)))
        }
    }

    /// The open invitations of some people on a day: any product, not withdrawn, not past their
    /// last day; other people's are left out.
    @Test(arguments: TestDatabase.engines)
    func openInvitationsAreThoseNotWithdrawnNorPast(engine: TestDatabase.Engine) async throws {
        try await withInvitations(engine) { store, invitations in
            let now = ManualClock(date: "2022-06-01").now
            let bio = try await invite(store, Self.request("Ana"), now: now)
            let doc = try await invite(store, Self.request("Ana", product: "DOC", until: "2022-06-10"), now: now)
            let withdrawn = try await invite(store, Self.request("Bo"), now: now)
            _ = try await invite(store, Self.request("Cas"), now: now)
            #expect(try await invitations.withdraw(id: withdrawn.id, caseSystem: "cs-1", now: now))
            let people = [TestPeople.vNumber("Ana"), TestPeople.vNumber("Bo")]
            #expect(Set(try await invitations.open(vNumbers: people, today: Self.day("2022-06-10"))) == [bio, doc])
            #expect(try await invitations.open(vNumbers: people, today: Self.day("2022-06-11")) == [bio])
            #expect(try await invitations.open(vNumbers: people, today: Self.day("2022-07-01")).isEmpty)
            #expect(try await invitations.open(vNumbers: [], today: Self.day("2022-06-10")).isEmpty)
        }
    }

    /// The link token of an invitation's email opens that invitation and no other.
    @Test(arguments: TestDatabase.engines)
    func theLinkTokenOpensOnlyItsInvitation(engine: TestDatabase.Engine) async throws {
        try await withInvitations(engine) { store, invitations in
            let now = ManualClock(date: "2022-06-01").now
            let ana = try await invite(store, Self.request("Ana"), now: now).id
            let bo = try await invite(store, Self.request("Bo"), now: now).id
            let token = invitations.linkToken(invitation: ana)
            #expect(invitations.opens(token, invitation: ana))
            #expect(!invitations.opens(token, invitation: bo))
            #expect(!invitations.opens("not-the-token", invitation: ana))
        }
    }

    /// A third party's booking waits for the invited person under a new secret for the hold (the
    /// maker's no longer works); a wrong secret writes nothing. It is read with the new secret
    /// only, counts as waiting for the invitation, and goes when the person confirms.
    @Test(arguments: TestDatabase.engines)
    func aBookingWaitsForItsPersonUnderANewSecret(engine: TestDatabase.Engine) async throws {
        try await withInvitations(engine) { store, invitations in
            let now = ManualClock(date: "2022-06-01").now
            let invitation = try await invite(store, Self.request("Ana"), now: now).id
            let plan = try rules.planHold(desk: "TS", product: "BIO", persons: 1, slot: "20220602-0900-bio", now: now)
            let held = try await store.hold(plan, now: now)
            let awaitPerson = { (token: String) in
                try await store.database.write { tx in
                    try await InvitationStore.awaitPerson(
                        hold: held.hold.id, holdToken: token, invitation: invitation, customer: TestPeople.customer,
                        now: now, in: tx)
                }
            }
            #expect(try await awaitPerson("not-the-token") == nil)
            #expect(!(try await invitations.awaitsAlready(invitation: invitation)))
            #expect(try await invitations.awaitingRecipient(hold: held.hold.id) == nil)
            let secret = try #require(try await awaitPerson(held.token))
            #expect(secret != held.token)
            #expect(try await awaitPerson(held.token) == nil)
            let waiting = try #require(try await invitations.awaiting(hold: held.hold.id, token: secret))
            #expect(waiting.invitation == invitation && waiting.customer == TestPeople.customer)
            #expect(try await invitations.awaiting(hold: held.hold.id, token: held.token) == nil)
            #expect(try await invitations.awaitsAlready(invitation: invitation))
            let recipient = try #require(try await invitations.awaitingRecipient(hold: held.hold.id))
            #expect(recipient.hold.id == held.hold.id && recipient.hold.state == .active)
            #expect(recipient.email == "ana@example.nl" && recipient.language == .uk)
            try await invitations.awaited(hold: held.hold.id)
            #expect(try await invitations.awaiting(hold: held.hold.id, token: secret) == nil)
            #expect(!(try await invitations.awaitsAlready(invitation: invitation)))
            #expect(try await invitations.awaitingRecipient(hold: held.hold.id) == nil)
        }
    }

    /// Once the hold has lapsed, its booking no longer waits and no email goes out for it.
    @Test(arguments: TestDatabase.engines)
    func aLapsedHoldWaitsNoMore(engine: TestDatabase.Engine) async throws {
        try await withInvitations(engine) { store, invitations in
            let clock = ManualClock(date: "2022-06-01")
            let invitation = try await invite(store, Self.request("Ana"), now: clock.now).id
            let plan = try rules.planHold(
                desk: "TS", product: "BIO", persons: 1, slot: "20220602-0900-bio", now: clock.now)
            let held = try await store.hold(plan, now: clock.now)
            let secret = try await store.database.write { tx in
                try await InvitationStore.awaitPerson(
                    hold: held.hold.id, holdToken: held.token, invitation: invitation, customer: TestPeople.customer,
                    now: clock.now, in: tx)
            }
            let token = try #require(secret)
            clock.advance(minutes: 16)
            try await store.expireHolds(now: clock.now)
            #expect(try await invitations.awaiting(hold: held.hold.id, token: token) == nil)
            #expect(!(try await invitations.awaitsAlready(invitation: invitation)))
            #expect(try await invitations.awaitingRecipient(hold: held.hold.id) == nil)
        }
    }
}
