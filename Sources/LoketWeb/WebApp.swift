import Foundation
import HTTPTypes
import Hummingbird
import LoketDomain
import LoketHTTP
import LoketStorage

/// The web pages: customers book and manage appointments, staff run the desk day. They call
/// the same `BookingService` and store as the JSON API; no rule is written twice.
public struct WebApp: Sendable {
    let service: BookingService
    let pages: WebPages
    let gate: StaffGate
    let biometricsPolicy: BiometricsPolicy
    let secureCookies: Bool
    let stylesheet: ByteBuffer
    /// The ORGANIZER of downloaded calendar files: the address customer email comes from.
    let organizer: String

    init(service: BookingService, pages: WebPages, biometricsPolicy: BiometricsPolicy, publicURL: String, organizer: String) {
        self.service = service
        self.organizer = organizer
        self.pages = pages
        self.biometricsPolicy = biometricsPolicy
        // Behind HTTPS, cookies are marked Secure; on a developer's http://127.0.0.1 they cannot be.
        self.secureCookies = publicURL.hasPrefix("https://")
        self.gate = StaffGate(store: service.store, now: service.now, secureCookies: secureCookies)
        let css = Bundle.module.url(forResource: "loket", withExtension: "css", subdirectory: "static").flatMap { try? Data(contentsOf: $0) }
        self.stylesheet = ByteBuffer(bytes: css ?? Data())
    }

    /// The pages, for `makeLoket`/`buildApplication` to add beside the API.
    public static func routes(options: ServerOptions) -> ExtraRoutes {
        // The templates are part of the build; failing to read them is a broken build.
        let pages = try! WebPages.load()
        return { router, service in
            let host = URLComponents(string: options.publicURL)?.host ?? "localhost"
            WebApp(service: service, pages: pages, biometricsPolicy: options.biometricsPolicy, publicURL: options.publicURL,
                   organizer: options.mail?.from ?? "afspraken@\(host)").add(to: router)
        }
    }

    func add(to router: Router<BasicRequestContext>) {
        router.get("/static/loket.css") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                     body: .init(byteBuffer: stylesheet))
        }
        router.get("/language") { request, _ in
            let language = request.query("to").flatMap(Customer.Language.init(rawValue:)) ?? .nl
            // Only a path on this site: the switch must not become an open redirect.
            var back = request.query("back") ?? "/"
            if !back.hasPrefix("/") || back.hasPrefix("//") || back.hasPrefix("/\\") { back = "/" }
            let cookie = Cookie(name: WebRequest.languageCookie, value: language.rawValue, maxAge: 365 * 86400, path: "/",
                                secure: secureCookies, httpOnly: true, sameSite: .lax)
            return redirect(back, cookies: [cookie])
        }
        addBookingRoutes(to: router)
        addManageRoutes(to: router)
        addStaffRoutes(to: router)
        addOfferRoutes(to: router)
        addUrgentBookingRoutes(to: router)
        addDeskSettingsRoutes(to: router)
        addAccountRoutes(to: router)
    }

    func web(_ request: Request) -> WebRequest { WebRequest(request, secureCookies: secureCookies) }

    /// The page for a refused request: the message of the error, with the fitting status.
    func problem(_ request: WebRequest, _ error: BookingError) -> Response {
        pages.problem(request, status: error.kind.httpStatus, message: error.message)
    }

    func productName(_ key: String, _ language: Customer.Language) -> String {
        service.network.product(key).map { language == .nl ? $0.nameNL : $0.nameEN } ?? key
    }

    func place(_ desk: Desk) -> String { "\(desk.name), \(desk.address)" }
}
