import Foundation
import Hummingbird
import LoketDomain

/// How a planner booking finds "the slot the same client reserved" when the planner's own fields
/// carry no secret. The reserve answer hands the hold's id and token to its maker twice: as
/// `holdId`/`holdToken` in its data (clients that send the reserve answer back as `bookableSlot`
/// echo them) and as an HttpOnly, SameSite=Strict cookie named after the slot key and scoped to
/// that desk's planner paths (clients that keep cookies, as browsers and HTTP sessions do, send
/// it back). The booking takes the hold only with that token, so another client — even one from
/// the same address — cannot take someone else's reservation; it can only book the slot afresh,
/// which a reserved slot refuses while it is full. Nothing about the client's address is stored.
enum PlannerReservation {
    /// The cookie that keeps the reservation of slot `key`.
    static func cookieName(key: String) -> String { "oap_reservation_\(key)" }

    /// The cookie for `receipt`, living as long as the hold.
    static func cookie(for receipt: HoldReceipt, desk: String, now: Date) -> Cookie {
        Cookie(
            name: cookieName(key: receipt.hold.slot), value: "\(receipt.hold.id).\(receipt.token)",
            maxAge: max(1, Int(receipt.hold.expiresAt.timeIntervalSince(now))), path: path(desk: desk),
            httpOnly: true, sameSite: .strict)
    }

    /// Forgets the reservation of `key` once it is booked.
    static func clearing(key: String, desk: String) -> Cookie {
        Cookie(
            name: cookieName(key: key), value: "", maxAge: 0, path: path(desk: desk), httpOnly: true, sameSite: .strict)
    }

    /// The hold and token of the reservation of `key` this client holds: echoed in the body first,
    /// else from its cookie; nil when it sent neither.
    static func find(
        in request: Request, key: String, echoed: PlannerBookingRequest.BookableSlot?
    ) -> (hold: String, token: String)? {
        if let hold = echoed?.holdId, let token = echoed?.holdToken, !hold.isEmpty, !token.isEmpty {
            return (hold, token)
        }
        guard let value = request.cookies[cookieName(key: key)]?.value else { return nil }
        let parts = value.split(separator: ".", maxSplits: 1)
        guard parts.count == 2 else { return nil }
        return (String(parts[0]), String(parts[1]))
    }

    private static func path(desk: String) -> String { "/oap/api/desks/\(desk)/" }
}
