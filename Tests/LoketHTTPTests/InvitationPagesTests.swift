import Foundation
import LoketDomain
import LoketTestSupport
import Testing

/// Staff invite a person at the counter through the pages: the invitation is the case system's
/// kind (the person then books with their V-number and date of birth), audited without
/// personal data, and refused at its field when something typed is wrong.
@Suite(.timeLimit(.minutes(3))) struct InvitationPagesTests: PageTests {
    @Test(arguments: TestDatabase.engines)
    func aClerkInvitesThePersonAtTheCounter(engine: TestDatabase.Engine) async throws {
        try await TestServer.run(engine: engine, network: InvitationAPITests.network, options: Self.quickHashes) {
            server, api in
            let loket = server.loket
            let balie = try await loket.staff.createStaff(
                username: "balie", password: Self.password, role: .clerk, desk: "TS", by: nil)
            _ = try await loket.staff.createStaff(
                username: "elders", password: Self.password, role: .clerk, desk: "OLD", by: nil)
            let clerk = try await signIn(api, "balie")
            let path = "/staff/desks/TS/invitations"
            #expect(try await get(api, "/staff/desks/TS", cookies: [clerk]).body.contains("href=\"\(path)\""))
            let page = try await get(api, path, cookies: [clerk])
            #expect(page.status == 200 && page.body.contains("<option value=\"BIO\""))
            // Only the products that need an invitation are offered.
            #expect(!page.body.contains("<option value=\"DOC\""))

            let ana = InvitationAPITests.ana
            let fields = [
                "product": "BIO", "vNumber": ana.vNumber, "dateOfBirth": ana.born, "email": "ana@example.nl",
                "language": "nl",
            ]
            // Refused at its field, and nothing made: a bad date of birth, a product that needs
            // no invitation, another desk's clerk, no form token.
            var wrong = fields
            wrong["dateOfBirth"] = "1990-02-30"
            let refused = try await post(api, path, wrong, cookies: [clerk])
            #expect(refused.status == 422 && refused.body.contains("id=\"dateOfBirth-error\""))
            #expect(refused.body.contains("value=\"\(ana.vNumber)\""))
            var notInvited = fields
            notInvited["product"] = "DOC"
            let product = try await post(api, path, notInvited, cookies: [clerk])
            #expect(product.status == 422 && product.body.contains("id=\"product-error\""))
            let other = try await signIn(api, "elders")
            #expect(try await post(api, path, fields, cookies: [other]).status == 403)
            #expect(try await post(api, path, fields, cookies: [clerk], csrf: nil).status == 403)
            #expect(
                try await loket.staff.auditEntries(since: .distantPast).allSatisfy {
                    $0.entry.action != .invitationCreated
                })
            let notYet = try await InvitationAPITests.holdAndConfirm(
                api, customer: InvitationAPITests.customer())
            #expect(notYet.confirmed.status == 422)

            let sent = try await post(api, path, fields, cookies: [clerk])
            #expect(sent.status == 303 && sent.headers[.location] == "\(path)?notice=invited")
            let notice = try await get(api, "\(path)?notice=invited", cookies: [clerk])
            #expect(notice.body.contains("The invitation is sent."))
            let audit = try #require(
                try await loket.staff.auditEntries(since: .distantPast).first { $0.entry.action == .invitationCreated })
            #expect(audit.entry.staff == balie.id && audit.entry.desk == "TS" && audit.entry.detail == nil)
            let id = try #require(audit.entry.target)
            let invitation = try #require(
                try await loket.invitations.invitation(id: id, token: loket.invitations.invitationLinkToken(id: id)))
            #expect(invitation.vNumber == ana.vNumber && invitation.email == "ana@example.nl")
            #expect(invitation.language == .nl)
            // The person now books as anyone the case system invited.
            let booked = try await InvitationAPITests.holdAndConfirm(
                api, customer: InvitationAPITests.customer(), slot: "20220602-0810-bio")
            #expect(booked.confirmed.status == 201, "\(booked.confirmed.body)")
        }
    }
}
