import Foundation
import HTTPTypes
import Hummingbird
import LoketApp
import LoketDomain
import LoketServer

/// The web pages: customers book and manage appointments, staff run the desk day. Every use
/// case is a call to the same application layer as the JSON API's; no rule is written twice.
public struct WebApp: Sendable {
    let loket: Loket
    let pages: WebPages
    let gate: StaffGate
    let secureCookies: Bool
    let stylesheet: ByteBuffer
    /// The waiting-room screen's two-tone chime for a new call (a WAV made for Loket).
    let chime: ByteBuffer
    /// The ORGANIZER of downloaded calendar files: the address customer email comes from.
    let organizer: String
    /// Booking calendars, for a second at most or until capacity at the desk changes. At most
    /// 64 MB: a script asking for every month and day must not fill the memory.
    let calendarPages = PageCache(
        ttl: 1, maxEntries: 2_000, maxWeight: 64 << 20, weight: \.byteCount, servesStale: ServiceUnavailable.caused)
    /// The desks and open-data pages, made once a minute (generation 0): every booking anywhere
    /// would move a network-wide generation, so under load they would be made for every visitor.
    let publicPages = PageCache(ttl: 60, maxEntries: 200, servesStale: ServiceUnavailable.caused)
    /// Where the pages without a form (the same for every visitor) are published, to be sent
    /// past the router while they are current.
    let ready: ReadyAnswers

    /// The pages of `loket`, with links and calendar files for customers at `options.publicURL`;
    /// the pages that are the same for everyone are published to `ready`.
    public init(loket: Loket, options: ServerOptions, ready: ReadyAnswers = ReadyAnswers(maxEntries: 0)) {
        self.loket = loket
        self.ready = ready
        // The templates are part of the build; failing to read them is a broken build.
        self.pages = try! WebPages.load()
        let host = URLComponents(string: options.publicURL)?.host ?? "localhost"
        self.organizer = options.mail?.from ?? "afspraken@\(host)"
        // Behind HTTPS, cookies are marked Secure; on a developer's http://127.0.0.1 they cannot be.
        self.secureCookies = options.publicURL.hasPrefix("https://")
        self.gate = StaffGate(loket: loket, secureCookies: secureCookies)
        let css = Bundle.module.url(forResource: "loket", withExtension: "css", subdirectory: "static").flatMap {
            try? Data(contentsOf: $0)
        }
        self.stylesheet = ByteBuffer(bytes: css ?? Data())
        let chime = Bundle.module.url(forResource: "chime", withExtension: "wav", subdirectory: "static").flatMap {
            try? Data(contentsOf: $0)
        }
        self.chime = ByteBuffer(bytes: chime ?? Data())
    }

    /// Adds the pages to `router`, beside the API's routes and behind its middleware.
    public func add(to router: Router<LoketRequestContext>) {
        router.get(PagePath.chime.route) { _, _ in
            Response(
                status: .ok, headers: [.contentType: "audio/wav", .cacheControl: "public, max-age=86400"],
                body: .init(byteBuffer: chime))
        }
        router.get(PagePath.stylesheet.route) { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                body: .init(byteBuffer: stylesheet))
        }
        router.get(PagePath.language.route) { request, _ in
            let language = request.query("to").flatMap(Customer.Language.init(rawValue:)) ?? .nl
            // Only a path on this site: the switch must not become an open redirect.
            let back = SameSitePath.from(request.query("back"))
            let cookie = Cookie(
                name: WebRequest.languageCookie, value: language.rawValue, maxAge: 365 * 86400, path: "/",
                secure: secureCookies, httpOnly: true, sameSite: .lax)
            return redirect(back, cookies: [cookie])
        }
        let areas: [any PageRoutes] = [
            BookingPages(app: self),
            BiometricsPages(app: self),
            ManagePages(app: self),
            DeskDayPages(app: self),
            OfferPages(app: self),
            WaitlistPages(app: self),
            AwaitingPages(app: self),
            UrgentBookingPages(app: self),
            CapturePages(app: self),
            HandoverPages(app: self),
            InvitationPages(app: self),
            DeskSettingsPages(app: self),
            StaffAccountPages(app: self),
            DrawPages(app: self),
            OpenDataPages(app: self),
            DashboardPages(app: self),
            ForecastPages(app: self),
            DocumentPages(app: self),
        ]
        for area in areas { area.add(to: router) }
    }

    func web(_ request: Request) -> WebRequest {
        var web = WebRequest(request, secureCookies: secureCookies)
        web.writesRefused = loket.operations.writesRefused
        return web
    }

    /// The page for a refused request: the message of the error, with the fitting status (and
    /// when to come back, for a per-client limit).
    func problem(_ request: WebRequest, _ error: Refusal) -> Response {
        var response = pages.problem(
            request, status: .init(code: error.kind.statusCode), message: WebCopy.message(error, request.language))
        if let seconds = error.retryAfter { response.headers[.retryAfter] = String(seconds) }
        return response
    }

    func productName(_ key: String, _ language: Customer.Language) -> String {
        loket.network.product(key)?.name(language) ?? key
    }

    func place(_ desk: Desk) -> String { desk.place }
}
