import Foundation
import Hummingbird
import LoketApp
import LoketDomain
import LoketServer

/// The desk manager's switch for draw mode (loting), on the desk's settings page: per product
/// whether new capacity is drawn, who set that, and a button to switch it. The manager's word
/// stands against the rule in the network file until a manager changes it (`Draws.setMode`).
extension DeskSettingsPages {
    /// `POST /staff/desks/{desk}/settings/draw-mode`
    @Sendable func setDrawMode(_ request: Request, context: LoketRequestContext) async throws -> Response {
        let code = try context.parameters.require("desk")
        return try await asStaff(request, .deskManager, desk: code) { account, web in
            let form = try await web.form(request)
            do {
                try await loket.draws.setMode(
                    desk: code, product: form["product"] ?? "", on: form["on"] == "1", staff: account.id)
                return redirect(PagePath.deskSettings.link(code, query: ["notice": "saved"]))
            } catch let error as Refusal {
                return try await settingsPage(
                    web, desk: code,
                    errors: [FieldError(field: "drawMode", message: WebCopy.message(error, web.language))])
            }
        }
    }
}

extension DeskSettingsPages {
    /// The day a product in draw mode opens its next draw (at midnight, when the booking horizon
    /// first reaches past what is already published) and the last day that draw gives out.
    func nextDrawDay(after published: LocalDate?) -> (opens: LocalDate, through: LocalDate)? {
        guard let published else { return nil }
        let today = loket.today
        for offset in 1...31 {
            let day = today.adding(days: offset)
            let horizon = loket.rules.horizon(from: day)
            if horizon > published { return (day, horizon) }
        }
        return nil
    }

    /// Each product of `desk` with its draw mode; a product nobody has switched is off.
    func drawModeRows(desk: Desk, _ language: Customer.Language) async throws -> [DeskSettingsPage.DrawMode] {
        let modes = try await loket.draws.modes(desk: desk.code)
        return desk.products.map { key in
            let mode = modes.first { $0.product == key }
            let on = mode?.on ?? false
            // Days already open stay first-come: say when the first draw comes, not leave the
            // manager wondering why nothing shows.
            let next = mode.flatMap { on ? nextDrawDay(after: $0.publishedThrough) : nil }
            let state = WebCopy.text(on ? "drawModeOn" : "drawModeOff", language)
            return DeskSettingsPage.DrawMode(
                product: key, productName: productName(key, language),
                state: next.map {
                    state + ". "
                        + WebCopy.text(
                            "drawModeNext", language, DateWording.date($0.opens, language),
                            DateWording.date($0.through, language))
                } ?? state,
                setBy: mode.map {
                    WebCopy.text(
                        $0.setBy == .manager ? "drawModeByManager" : "drawModeByRule", language,
                        DateWording.moment($0.since, language))
                } ?? WebCopy.text("drawModeNotSet", language),
                turnOn: on ? "0" : "1",
                button: WebCopy.text(on ? "drawModeTurnOff" : "drawModeTurnOn", language))
        }
    }
}
