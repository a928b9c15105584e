import Foundation
import HTTPTypes
import Hummingbird
import LoketDomain
import LoketApp

/// The page an offer email links to: the offer in the customer's language with two buttons,
/// accept and decline. The offer's token travels in the link and in the forms, next to the
/// form token every Loket form carries.
extension WebApp {
    func addOfferRoutes(to router: Router<BasicRequestContext>) {
        router.get("/waitlist/{id}/offer") { request, context in
            var web = web(request)
            let id = try context.parameters.require("id")
            let token = request.query("token")
            let entry: WaitlistEntry
            do {
                entry = try await loket.waitlistEntry(id: id, token: token)
            } catch let error as BookingError {
                return offerPage(web, status: .init(code: error.kind.statusCode), title: "Offer not found",
                                 message: "This link is not valid (any more).")
            }
            web.language = entry.language
            let nl = entry.language == .nl
            guard entry.state == .offered, let offer = entry.offer else {
                return offerPage(web, status: .gone, title: nl ? "Geen aanbod meer" : "No offer any more",
                                 message: nl ? "Dit aanbod is niet meer geldig." : "This offer is no longer valid.")
            }
            let until = DeskTime(offer.expiresAt, timeZone: DeskTime.amsterdam)
            let deadline = "\(DateWording.date(until.date, entry.language)) \(until.time.text)"
            return pages.render("offer", web, title: nl ? "Een eerdere afspraak voor u" : "An earlier appointment for you", values: [
                "offer": [
                    "id": entry.id, "token": token ?? "",
                    "productName": productName(entry.product, entry.language),
                    "when": DateWording.dateTime(offer.date, offer.startTime, offer.endTime, entry.language),
                    "where": loket.network.desk(offer.desk).map(place) ?? offer.desk,
                    "deadline": "\(nl ? "Wij houden deze plek voor u vast tot" : "We keep this slot for you until") \(deadline).",
                    "acceptLabel": nl ? "Aanbod aannemen" : "Accept the offer",
                    "declineLabel": nl ? "Afslaan en blijven wachten" : "Decline and keep waiting",
                ],
            ])
        }
        for action in ["accept", "decline"] {
            router.post(RouterPath("/waitlist/{id}/offer/\(action)")) { request, context in
                var web = web(request)
                let id = try context.parameters.require("id")
                let token = try await web.form(request)["token"]
                do {
                    if action == "accept" {
                        let accepted = try await loket.acceptOffer(entry: id, token: token)
                        let appointment = accepted.appointment
                        web.language = appointment.language
                        let nl = appointment.language == .nl
                        let when = DateWording.dateTime(appointment.date, appointment.startTime, appointment.endTime, appointment.language)
                        return offerPage(web, status: .ok, title: nl ? "Afspraak gemaakt" : "Appointment booked",
                                         message: "\(nl ? "Uw afspraak is" : "Your appointment is on") \(when). "
                                            + (nl ? "U krijgt een bevestiging per e-mail." : "You will get a confirmation by email."))
                    } else {
                        let entry = try await loket.declineOffer(entry: id, token: token)
                        web.language = entry.language
                        let nl = entry.language == .nl
                        return offerPage(web, status: .ok, title: nl ? "Aanbod afgeslagen" : "Offer declined",
                                         message: nl ? "U blijft op de wachtlijst." : "You stay on the waitlist.")
                    }
                } catch let error as BookingError {
                    return offerPage(web, status: .init(code: error.kind.statusCode), title: "Not possible",
                                     message: error.message)
                }
            }
        }
    }

    func offerPage(_ web: WebRequest, status: HTTPResponse.Status, title: String, message: String) -> Response {
        pages.render("offer", web, title: title, values: ["message": message], status: status)
    }
}
