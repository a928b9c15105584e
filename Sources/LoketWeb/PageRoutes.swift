import Hummingbird
import LoketApp
import LoketDomain
import LoketServer

/// The pages of one area (booking, the manage page, the desk's day, …): a route type that lists
/// its routes in `add(to:)` and answers each with a named handler, as the API's route types do.
/// What every page needs — the application, the templates, the staff gate, the page caches — it
/// reaches through `app`.
protocol PageRoutes: Sendable {
    var app: WebApp { get }
    func add(to router: Router<LoketRequestContext>)
}

extension PageRoutes {
    var loket: Loket { app.loket }
    var pages: WebPages { app.pages }
    var gate: StaffGate { app.gate }
    var secureCookies: Bool { app.secureCookies }
    var organizer: String { app.organizer }
    var calendarPages: PageCache { app.calendarPages }
    var publicPages: PageCache { app.publicPages }

    func web(_ request: Request) -> WebRequest { app.web(request) }
    func problem(_ request: WebRequest, _ error: Refusal) -> Response { app.problem(request, error) }
    func productName(_ key: String, _ language: Customer.Language) -> String { app.productName(key, language) }
    func place(_ desk: Desk) -> String { app.place(desk) }
}
