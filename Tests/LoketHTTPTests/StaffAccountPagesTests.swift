import LoketApp
import LoketDomain
import LoketTestSupport
import Testing

/// An admin's changes to the staff accounts: a refused change (a short password, a role the form
/// does not offer) is refused at its field and changes nothing.
@Suite(.timeLimit(.minutes(3))) struct StaffAccountPagesTests: PageTests {
    @Test func aRefusedChangeChangesNothing() async throws {
        try await TestServer.run(options: Self.quickHashes) { server, api in
            _ = try await server.loket.staff.createStaff(
                username: "beheer", password: Self.password, role: .admin, desk: nil, by: nil)
            let clerk = try await server.loket.staff.createStaff(
                username: "balie", password: Self.password, role: .clerk, desk: "TS", by: nil)
            let admin = try await signIn(api, "beheer")
            let path = "/staff/accounts/\(clerk.id)"

            // A password too short, sent with a new role and deactivation: none of it is saved.
            let short = try await post(
                api, path, ["role": "admin", "desk": "", "password": "short"], cookies: [admin])
            #expect(short.status == 422)
            #expect(short.body.contains("href=\"#password-\(clerk.id)\""))
            // A role the form does not offer is refused, not read as a clerk's.
            let unknown = try await post(
                api, path, ["role": "superuser", "desk": "TS", "active": "1"], cookies: [admin])
            #expect(unknown.status == 422)
            #expect(unknown.body.contains("href=\"#role-\(clerk.id)\""))
            // A clerk without a desk is named at the row's own desk field.
            let deskless = try await post(api, path, ["role": "clerk", "desk": ""], cookies: [admin])
            #expect(deskless.status == 422 && deskless.body.contains("href=\"#desk-\(clerk.id)\""))
            #expect(try await server.loket.staff.staffAccount(id: clerk.id) == clerk)
            // The clerk can still sign in with the old password.
            let clerkSession = try await signIn(api, "balie")

            let created = try await post(
                api, "/staff/accounts",
                ["username": "nieuw", "password": Self.password, "role": "superuser", "desk": "TS"], cookies: [admin])
            #expect(created.status == 422)
            #expect(created.body.contains("id=\"role-error\""))
            #expect(try await server.loket.staff.staffAccounts().map(\.username).sorted() == ["balie", "beheer"])

            // A change that passes every check is saved whole.
            let saved = try await post(
                api, path, ["role": "desk-manager", "desk": "TS", "active": "1", "password": "another long password"],
                cookies: [admin])
            #expect(saved.status == 303)
            #expect(try await server.loket.staff.staffAccount(id: clerk.id)?.role == .deskManager)
            // The new password ends the clerk's session, and the change and the new password are
            // audited together (the refused ones not at all).
            let signedOut = try await get(api, "/staff/desks/TS", cookies: [clerkSession])
            #expect(signedOut.status == 303 && signedOut.headers[.location]?.hasPrefix("/staff/sign-in") == true)
            let audited = try await server.loket.staff.auditEntries(since: .distantPast).map(\.entry).filter {
                $0.target == clerk.id && ![.staffCreated, .signIn].contains($0.action)
            }
            // In the order written, though at one instant.
            #expect(audited.map(\.action) == [.staffUpdated, .passwordReset])
            #expect(audited.first { $0.action == .staffUpdated }?.detail == "desk-manager")
        }
    }
}
