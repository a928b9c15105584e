import Foundation
import HTTPTypes
import Hummingbird
import LoketDomain

/// The page an offer email links to: the offer in the customer's language with two buttons,
/// accept and decline. Plain HTML that works without JavaScript; the offer's token travels in
/// the link and in the form, never anything personal. (The web app of issue #4 will render
/// this from its templates.)
struct OfferPage {
    let service: BookingService

    func add(to router: Router<BasicRequestContext>) {
        router.get("/waitlist/{id}/offer") { request, context in
            let id = try context.parameters.require("id")
            let token = request.query("token")
            let entry: WaitlistEntry
            do {
                entry = try await service.store.waitlistEntry(id: id, token: token)
            } catch let error as BookingError {
                return page(.en, status: Self.status(error), title: "Offer not found", body: "<p>This link is not valid (any more).</p>")
            }
            let nl = entry.language == .nl
            guard entry.state == .offered, let offer = entry.offer else {
                return page(entry.language, status: .gone, title: nl ? "Geen aanbod meer" : "No offer any more",
                            body: nl ? "<p>Dit aanbod is niet meer geldig.</p>" : "<p>This offer is no longer valid.</p>")
            }
            let desk = service.network.desk(offer.desk)
            let product = service.network.product(entry.product)
            let when = DateWording.dateTime(offer.date, offer.startTime, offer.endTime, entry.language)
            let until = DeskTime(offer.expiresAt, timeZone: DeskTime.amsterdam)
            let deadline = "\(DateWording.date(until.date, entry.language)) \(until.time.text)"
            let t = HTMLText.escape(token ?? "")
            let body = """
            <dl><dt>\(nl ? "Wat" : "What")</dt><dd>\(HTMLText.escape((nl ? product?.nameNL : product?.nameEN) ?? entry.product))</dd>
            <dt>\(nl ? "Wanneer" : "When")</dt><dd>\(HTMLText.escape(when))</dd>
            <dt>\(nl ? "Waar" : "Where")</dt><dd>\(HTMLText.escape(desk.map { "\($0.name), \($0.address)" } ?? offer.desk))</dd></dl>
            <p>\(nl ? "Wij houden deze plek voor u vast tot" : "We keep this slot for you until") \(HTMLText.escape(deadline)).</p>
            <form method="post" action="/waitlist/\(HTMLText.escape(entry.id))/offer/accept"><input type="hidden" name="token" value="\(t)">
            <button type="submit">\(nl ? "Aanbod aannemen" : "Accept the offer")</button></form>
            <form method="post" action="/waitlist/\(HTMLText.escape(entry.id))/offer/decline"><input type="hidden" name="token" value="\(t)">
            <button type="submit">\(nl ? "Afslaan en blijven wachten" : "Decline and keep waiting")</button></form>
            """
            return page(entry.language, status: .ok, title: nl ? "Een eerdere afspraak voor u" : "An earlier appointment for you", body: body)
        }
        for action in ["accept", "decline"] {
            router.post(RouterPath("/waitlist/{id}/offer/\(action)")) { request, context in
                let id = try context.parameters.require("id")
                var buffer = try await request.body.collect(upTo: 4096)
                let form = buffer.readString(length: buffer.readableBytes) ?? ""
                let token = URLComponents(string: "?" + form)?.queryItems?.first { $0.name == "token" }?.value
                do {
                    if action == "accept" {
                        let accepted = try await service.store.acceptOffer(entry: id, token: token, now: service.now())
                        service.metrics.bookings.increment()
                        try await service.offerFreedCapacity()
                        let nl = accepted.appointment.language == .nl
                        let when = DateWording.dateTime(accepted.appointment.date, accepted.appointment.startTime, accepted.appointment.endTime,
                                                        accepted.appointment.language)
                        return page(accepted.appointment.language, status: .ok, title: nl ? "Afspraak gemaakt" : "Appointment booked",
                                    body: "<p>\(nl ? "Uw afspraak is" : "Your appointment is on") \(HTMLText.escape(when)). "
                                        + "\(nl ? "U krijgt een bevestiging per e-mail." : "You will get a confirmation by email.")</p>")
                    } else {
                        let entry = try await service.store.declineOffer(entry: id, token: token, now: service.now())
                        try await service.offerFreedCapacity()
                        let nl = entry.language == .nl
                        return page(entry.language, status: .ok, title: nl ? "Aanbod afgeslagen" : "Offer declined",
                                    body: nl ? "<p>U blijft op de wachtlijst.</p>" : "<p>You stay on the waitlist.</p>")
                    }
                } catch let error as BookingError {
                    return page(.en, status: Self.status(error), title: "Not possible", body: "<p>\(HTMLText.escape(error.message))</p>")
                }
            }
        }
    }

    func page(_ language: Customer.Language, status: HTTPResponse.Status, title: String, body: String) -> Response {
        let html = """
        <!DOCTYPE html><html lang="\(language.rawValue)"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1"><title>\(HTMLText.escape(title)) — Loket</title></head>
        <body style="font-family:sans-serif;max-width:40rem;margin:1rem auto;padding:0 1rem;color:#111;line-height:1.5">
        <main><h1>\(HTMLText.escape(title))</h1>\(body)</main></body></html>
        """
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
                                                  .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
                                                  HTTPField.Name("Referrer-Policy")!: "no-referrer"],
                        body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    static func status(_ error: BookingError) -> HTTPResponse.Status { ErrorMiddleware<BasicRequestContext>.status(for: error.kind) }
}
