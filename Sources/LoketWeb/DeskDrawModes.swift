import Foundation
import Hummingbird
import LoketApp
import LoketDomain
import LoketServer

/// The desk manager's switch for draw mode (loting), on the desk's settings page: per product
/// whether new capacity is drawn, who set that, and a button to switch it. The manager's word
/// stands against the rule in the network file until a manager changes it (`Loket.setDrawMode`).
extension WebApp {
    func addDrawModeRoutes(to router: Router<LoketRequestContext>) {
        router.post("/staff/desks/{desk}/settings/draw-mode") { request, context in
            let code = try context.parameters.require("desk")
            return try await asStaff(request, .deskManager, desk: code) { account, web in
                let form = try await web.form(request)
                do {
                    try await loket.setDrawMode(
                        desk: code, product: form["product"] ?? "", on: form["on"] == "1", staff: account.id)
                    return redirect("/staff/desks/\(code)/settings?notice=saved")
                } catch let error as BookingError {
                    return try await settingsPage(
                        web, desk: code,
                        errors: [FieldError(field: "drawMode", message: WebCopy.message(error, web.language))])
                }
            }
        }
    }

    /// Each product of `desk` with its draw mode; a product nobody has switched is off.
    func drawModeRows(desk: Desk, _ language: Customer.Language) async throws -> [DeskSettingsPage.DrawMode] {
        let modes = try await loket.drawModes(desk: desk.code)
        return desk.products.map { key in
            let mode = modes.first { $0.product == key }
            let on = mode?.on ?? false
            return DeskSettingsPage.DrawMode(
                product: key, productName: productName(key, language),
                state: WebCopy.text(on ? "drawModeOn" : "drawModeOff", language),
                setBy: mode.map {
                    WebCopy.text(
                        $0.setBy == .manager ? "drawModeByManager" : "drawModeByRule", language,
                        moment($0.since, language))
                } ?? WebCopy.text("drawModeNotSet", language),
                turnOn: on ? "0" : "1",
                button: WebCopy.text(on ? "drawModeTurnOff" : "drawModeTurnOn", language))
        }
    }
}
