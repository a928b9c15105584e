import Foundation
import HTTPTypes
import Hummingbird
import LoketApp
import LoketDomain
import LoketServer

/// The page an offer email links to: the offer in the customer's language with two buttons,
/// accept and decline. The offer's token travels in the link and in the forms, next to the
/// form token every Loket form carries.
struct OfferPages: PageRoutes {
    let app: WebApp

    func add(to router: Router<LoketRequestContext>) {
        router.get(PagePath.offer.route, use: offer)
        router.post(PagePath.offerAnswer.filling("answer", with: "accept").route, use: accept)
        router.post(PagePath.offerAnswer.filling("answer", with: "decline").route, use: decline)
    }

    /// `GET /waitlist/{id}/offer`
    @Sendable func offer(_ request: Request, context: LoketRequestContext) async throws -> Response {
        var web = web(request)
        let id = try context.parameters.require("id")
        let token = request.query("token")
        let entry: WaitlistEntry
        do {
            entry = try await loket.waitlist.entry(id: id, token: token)
        } catch let error as Refusal {
            return offerPage(
                web, status: .init(code: error.kind.statusCode),
                title: WebCopy.text("offerNotFoundTitle", web.language),
                message: WebCopy.text("offerBadLink", web.language))
        }
        web.language = entry.language
        let language = entry.language
        guard entry.state == .offered, let offer = entry.offer else {
            return offerPage(
                web, status: .gone, title: WebCopy.text("noOfferTitle", language),
                message: WebCopy.text("noOfferText", language))
        }
        let until = DeskTime(offer.expiresAt, timeZone: DeskTime.amsterdam)
        let deadline = "\(DateWording.date(until.date, entry.language)) \(until.time.text)"
        let shown = OfferPage.Offer(
            id: entry.id, token: token ?? "", productName: productName(entry.product, language),
            when: DateWording.dateTime(offer.date, offer.startTime, offer.endTime, language),
            where: loket.network.desk(offer.desk).map(place) ?? offer.desk,
            routeHref: loket.network.desk(offer.desk)?.routeURL,
            deadline: WebCopy.text("offerDeadline", language, deadline),
            acceptLabel: WebCopy.text("acceptOffer", language), declineLabel: WebCopy.text("declineOffer", language)
        )
        return pages.render(
            "offer", web, title: WebCopy.text(entry.appointment != nil ? "offerTitle" : "offerTitleNew", language),
            page: OfferPage(offer: shown))
    }
}

extension OfferPages {
    func offerPage(_ web: WebRequest, status: HTTPResponse.Status, title: String, message: String) -> Response {
        pages.render("offer", web, title: title, page: OfferPage(message: message), status: status)
    }

    /// Accepting an offer: a new appointment opens its own page; an improved one, moved, says so.
    @Sendable func accept(_ request: Request, context: LoketRequestContext) async throws -> Response {
        var web = web(request)
        let id = try context.parameters.require("id")
        let token = try await web.form(request)["token"]
        do {
            let accepted = try await loket.waitlist.accept(entry: id, token: token, client: context.client)
            let appointment = accepted.appointment
            // A new appointment: its own page, with its code, calendar file and manage link.
            if let manageToken = accepted.manageToken {
                return redirect(PagePath.manage.link(appointment.id, query: ["token": manageToken, "booked": "1"]))
            }
            // An improved appointment moved: its link from the first email still opens it.
            web.language = appointment.language
            let when = DateWording.dateTime(
                appointment.date, appointment.startTime, appointment.endTime, appointment.language)
            return offerPage(
                web, status: .ok, title: WebCopy.text("offerBookedTitle", web.language),
                message: WebCopy.text("offerBooked", web.language, when))
        } catch let error as Refusal {
            return offerRefused(web, error)
        }
    }

    /// Declining an offer: the place in line is kept, and the slot goes to the next in line.
    @Sendable func decline(_ request: Request, context: LoketRequestContext) async throws -> Response {
        var web = web(request)
        let id = try context.parameters.require("id")
        let token = try await web.form(request)["token"]
        do {
            let entry = try await loket.waitlist.decline(entry: id, token: token)
            web.language = entry.language
            return offerPage(
                web, status: .ok, title: WebCopy.text("offerDeclinedTitle", web.language),
                message: WebCopy.text("offerDeclined", web.language))
        } catch let error as Refusal {
            return offerRefused(web, error)
        }
    }

    /// The offer page saying why the answer could not be taken.
    private func offerRefused(_ web: WebRequest, _ error: Refusal) -> Response {
        offerPage(
            web, status: .init(code: error.kind.statusCode), title: WebCopy.text("notPossibleTitle", web.language),
            message: WebCopy.message(error, web.language))
    }
}
