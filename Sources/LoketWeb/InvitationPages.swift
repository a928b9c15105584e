import Foundation
import Hummingbird
import LoketApp
import LoketDomain
import LoketServer

/// Staff invite a person at the counter (`/staff/desks/{desk}/invitations`), as the case system
/// does through the API: a product of this desk that needs an invitation, the V-number and date
/// of birth from the ID, and the email address the link goes to. Audited without personal data;
/// every detail travels in a POST body.
struct InvitationPages: PageRoutes {
    let app: WebApp

    func add(to router: Router<LoketRequestContext>) {
        router.get(PagePath.invitations.route, use: inviteForm)
        router.post(PagePath.invitations.route, use: invite)
    }

    /// `GET /staff/desks/{desk}/invitations`
    @Sendable func inviteForm(_ request: Request, context: LoketRequestContext) async throws -> Response {
        let desk = try context.parameters.require("desk")
        return try await asStaff(request, .clerk, desk: desk) { _, web in
            invitationPage(web, desk: desk, notice: request.query("notice") == "invited")
        }
    }

    /// `POST /staff/desks/{desk}/invitations`
    @Sendable func invite(_ request: Request, context: LoketRequestContext) async throws -> Response {
        let desk = try context.parameters.require("desk")
        return try await asStaff(request, .clerk, desk: desk) { account, web in
            let form = try await web.form(request)
            do {
                _ = try await loket.invitations.inviteAtDesk(
                    Invitations.InvitationInput(
                        product: form["product"], vNumber: form["vNumber"], dateOfBirth: form["dateOfBirth"],
                        email: form["email"], language: form["language"], validUntil: form["validUntil"]),
                    desk: desk, staff: account.id)
                return redirect(PagePath.invitations.link(desk, query: ["notice": "invited"]))
            } catch let error as Refusal where error.kind == .invalid {
                return invitationPage(
                    web, desk: desk, form: form,
                    errors: [FieldError(field: error.field, message: WebCopy.message(error, web.language))])
            }
        }
    }
}

extension InvitationPages {
    /// The invitation form, with what was typed and its error, or the notice that one was sent.
    func invitationPage(
        _ web: WebRequest, desk code: String, form: [String: String] = [:], errors: [FieldError] = [],
        notice: Bool = false
    ) -> Response {
        let language = web.language
        let network = loket.network
        let products = (network.desk(code)?.products ?? []).compactMap { network.product($0) }
            .filter(\.requiresInvitation)
        return pages.render(
            "invite", web, title: WebCopy.text("inviteTitle", language),
            page: InvitePage(
                desk: code, form: form, notice: notice ? WebCopy.text("inviteSent", language) : nil,
                languageOptions: LanguageOption.all(chosen: form["language"], page: language),
                products: products.map {
                    InvitePage.Choice(value: $0.key, name: $0.name(language), selected: $0.key == form["product"])
                }),
            errors: errors, status: errors.isEmpty ? .ok : .unprocessableContent)
    }
}

/// invite.mustache: the products of the desk that need an invitation, and the person's details.
struct InvitePage {
    struct Choice {
        let value: String, name: String, selected: Bool
    }
    let desk: String
    let form: [String: String]
    let notice: String?
    let languageOptions: [LanguageOption]
    let products: [Choice]
}
