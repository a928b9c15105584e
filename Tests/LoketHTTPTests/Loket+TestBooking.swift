import LoketApp
import LoketDomain
import LoketTestSupport

extension Loket {
    /// Books BIO at the test desk in `slot` for `name` (their own V-number), as the pages'
    /// tests set up a day: hold and confirm, as any channel does.
    func bookBiometrics(
        _ slot: String, name: String, email: String = "x@example.nl"
    ) async throws -> ConfirmedBooking {
        let held = try await booking.hold(
            desk: "TS", product: "BIO", persons: 1, slot: slot, client: nil, idempotency: nil)
        return try await booking.confirm(
            hold: held.hold.id, holdToken: held.token,
            customer: try Customer.validated(
                name: name, email: email, phone: nil, vNumber: TestPeople.vNumber(name), bsn: nil, language: "en"),
            client: nil, idempotency: nil)
    }
}
