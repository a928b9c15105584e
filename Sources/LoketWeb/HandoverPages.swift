import Foundation
import HTTPTypes
import Hummingbird
import LoketApp
import LoketDomain
import LoketServer

/// Handing a document over at the desk (`/staff/desks/{desk}/handover`): the clerk types the
/// appointment code or the document id, sees whom the card is for, and types the V-number and
/// date of birth from the collector's ID; the handover is recorded only when both match. Every
/// personal detail travels in a POST body, never in an address.
struct HandoverPages: PageRoutes {
    let app: WebApp

    func add(to router: Router<LoketRequestContext>) {
        router.get(PagePath.handover.route, use: handover)
        router.post(PagePath.handover.route, use: findCard)
        router.post(PagePath.handoverRecord.route, use: handOver)
    }

    /// `GET /staff/desks/{desk}/handover`
    @Sendable func handover(_ request: Request, context: LoketRequestContext) async throws -> Response {
        let desk = try context.parameters.require("desk")
        return try await asStaff(request, .clerk, desk: desk) { account, web in
            let place = try DeskDayPlace(query: request)
            let canOverride = account.role >= .deskManager
            // From an agenda row: its appointment's card, found already.
            let visit = request.query("visit")
            guard let reference = request.query("reference"), !reference.isEmpty else {
                return handoverPage(web, desk: desk, place: place, visit: visit, canOverride: canOverride)
            }
            return try await foundCard(
                web, desk: desk, place: place, visit: visit, reference: reference, canOverride: canOverride)
        }
    }

    /// `POST /staff/desks/{desk}/handover`
    @Sendable func findCard(_ request: Request, context: LoketRequestContext) async throws -> Response {
        let desk = try context.parameters.require("desk")
        return try await asStaff(request, .clerk, desk: desk) { account, web in
            let form = try await web.form(request)
            let reference = form["reference"] ?? ""
            let place = try DeskDayPlace(form: form)
            let canOverride = account.role >= .deskManager
            return try await foundCard(
                web, desk: desk, place: place, visit: form["visit"], reference: reference,
                canOverride: canOverride)
        }
    }

    /// `POST /staff/desks/{desk}/handover/record`
    @Sendable func handOver(_ request: Request, context: LoketRequestContext) async throws -> Response {
        let desk = try context.parameters.require("desk")
        return try await asStaff(request, .clerk, desk: desk) { account, web in
            let form = try await web.form(request)
            let id = form["document"] ?? ""
            let reference = form["reference"] ?? id
            let place = try DeskDayPlace(form: form)
            let canOverride = account.role >= .deskManager
            let visit = form["visit"]
            do {
                // Served with it only when the row's appointment is this card's pickup.
                let card = try? await loket.documents.findDocumentForHandover(reference: id, desk: desk)
                let pickup = card.flatMap { Self.visit(visit, of: $0) }
                _ = try await loket.documents.handOverDocument(
                    id: id, desk: desk, vNumber: form["vNumber"], dateOfBirth: form["dateOfBirth"],
                    staff: account.id, staffRole: account.role, override: form["override"] == "1")
                let served = await serveAfter(pickup, desk: desk, staff: account.id)
                return redirect(place.dayAddress(desk: desk, notice: served ? "handed-over-served" : "handed-over"))
            } catch let error as Refusal
                where ["vNumber", "dateOfBirth", "override"].contains(error.field)
                || error.code == "too_many_checks"
            {
                // The card stays on the page, with what was typed, so the clerk looks again
                // (or a desk manager overrides).
                do {
                    let card = try await loket.documents.findDocumentForHandover(reference: id, desk: desk)
                    return handoverPage(
                        web, desk: desk, place: place, visit: Self.visit(visit, of: card), reference: reference,
                        card: card, typed: form,
                        refused: error, canOverride: canOverride)
                } catch let error as Refusal {
                    return handoverPage(
                        web, desk: desk, place: place, visit: visit, reference: reference, refused: error)
                }
            } catch let error as Refusal {
                return handoverPage(
                    web, desk: desk, place: place, visit: visit, reference: reference, refused: error)
            }
        }
    }
}

extension HandoverPages {
    /// The handover page: the search, and the found card with the identity check. A refusal is
    /// shown at the field it names; one about the card itself (its desk, its state) at the search.
    func handoverPage(
        _ web: WebRequest, desk: String, place: DeskDayPlace, visit: String? = nil, reference: String = "",
        card: Documents.HandoverCard? = nil,
        typed form: [String: String] = [:], refused: Refusal? = nil, canOverride: Bool = false
    ) -> Response {
        let language = web.language
        let errors = refused.map { error in
            let field = ["vNumber", "dateOfBirth"].contains(error.field) ? error.field : "reference"
            return [FieldError(field: field, message: Self.handoverMessage(error, language))]
        }
        let page = HandoverPage(
            desk: desk, counter: place.counter, from: place.from, back: place.suffix, visit: visit ?? "",
            reference: reference,
            card: card.map { card in
                let document = card.document
                let kind = loket.network.documentSettings.kind(document.kind)
                return HandoverPage.Card(
                    id: document.id, holderName: card.holderName,
                    kind: kind.map { $0.name(language) } ?? document.kind,
                    readyOn: DateWording.date(document.readyOn, language),
                    pickup: card.pickup.map {
                        "\(DateWording.dateTime($0.date, $0.startTime, $0.endTime, language)) · \($0.code ?? "")"
                    })
            },
            vNumber: form["vNumber"] ?? "", dateOfBirth: form["dateOfBirth"] ?? "", canOverride: canOverride)
        let status: HTTPResponse.Status = refused.map { .init(code: $0.kind.statusCode) } ?? .ok
        return pages.render(
            "handover", web, title: WebCopy.text("handoverTitle", language), page: page, errors: errors ?? [],
            status: status)
    }

    /// The handover page with the card `reference` names, or the search with why there is none.
    func foundCard(
        _ web: WebRequest, desk: String, place: DeskDayPlace, visit: String?, reference: String, canOverride: Bool
    ) async throws -> Response {
        do {
            let card = try await loket.documents.findDocumentForHandover(reference: reference, desk: desk)
            return handoverPage(
                web, desk: desk, place: place, visit: Self.visit(visit, of: card), reference: reference, card: card,
                canOverride: canOverride)
        } catch let error as Refusal {
            return handoverPage(web, desk: desk, place: place, visit: visit, reference: reference, refused: error)
        }
    }

    /// `visit` (an agenda row's appointment) if it is `card`'s pickup: a search for another card
    /// leaves the row's customer as they were.
    static func visit(_ visit: String?, of card: Documents.HandoverCard) -> String? {
        guard let visit, card.pickup?.id == visit else { return nil }
        return visit
    }

    /// The clerk's words for a refused check, where the customer's (`WebCopy.message`) would not
    /// fit: "type it from the ID" rather than "it is on your letters".
    static func handoverMessage(_ error: Refusal, _ language: Customer.Language) -> String {
        let key = "handoverError.\(error.field).\(error.code)"
        return WebCopy.texts[key] == nil ? WebCopy.message(error, language) : WebCopy.text(key, language)
    }
}

/// handover.mustache: the search by appointment code or document id and, once found, the card
/// with the V-number and date of birth to check against the ID.
struct HandoverPage {
    struct Card {
        let id: String, holderName: String, kind: String, readyOn: String
        /// The pickup appointment: day, time and code.
        let pickup: String?
    }
    let desk: String
    /// The clerk's place in their day, carried through the forms and back (`DeskDayPlace`).
    let counter: String, from: String, back: String
    /// The agenda row's appointment the handover was opened from: served with the handover.
    let visit: String
    let reference: String
    let card: Card?
    let vNumber: String
    let dateOfBirth: String
    /// A desk manager may hand over to a collector who is not the holder, or past the day's
    /// refused checks (audited).
    let canOverride: Bool
}

extension PageRoutes {
    /// Marks the visit of `appointment` served once the clerk has done its business from the
    /// agenda (a handover, the captures): one step, not a second click. False when it cannot be
    /// (nobody called the customer yet); the business itself is done either way.
    func serveAfter(_ appointment: String?, desk: String, staff: String) async -> Bool {
        guard let appointment, !appointment.isEmpty else { return false }
        return
            (try? await loket.deskDay.finishVisit(appointment: appointment, desk: desk, outcome: .served, staff: staff))
            != nil
    }
}
