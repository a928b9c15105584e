import Foundation
import Hummingbird
import LoketApp
import LoketDomain
import LoketServer
import NIOCore

/// What every page needs from the request: the language, the form token (CSRF) and the
/// signed-in member of staff, if any.
///
/// Forms are protected with a double-submit token: a random value in an HTTP-only, SameSite
/// cookie that every form repeats in a hidden field. A cross-site page can make the browser
/// send the cookie but cannot read it to fill in the field. (Hummingbird has no CSRF
/// middleware; this is the few lines it takes.)
struct WebRequest: Sendable {
    static let languageCookie = "loket_lang"
    static let csrfCookie = "loket_csrf"
    /// The secret of the hold whose details page this browser is on.
    static let holdCookie = "loket_hold"
    /// The invitation whose link this browser opened: `id.token`.
    static let invitationCookie = "loket_invitation"
    /// The token of a draw entry, for that entry's own page only.
    static let drawEntryCookie = "loket_draw_entry"

    /// The visitor's choice; pages about one customer's offer use that customer's language.
    var language: Customer.Language
    /// The languages this page is written in: every customer language, or Dutch and English for
    /// the staff's pages and the open data.
    var languages: [Customer.Language]
    static let dutchAndEnglish: [Customer.Language] = [.nl, .en]
    /// Whether the visitor picked the language with the switch (rather than their browser's default).
    let languageChosen: Bool
    let csrf: String
    /// Set when the request had no token yet: the response must carry it.
    let newCSRFCookie: Cookie?
    var backPath: String
    var staff: StaffAccount?
    /// The database refuses writes just now: every page says that only viewing works, and
    /// prepared pages are kept apart from the usual ones (`pageKey`).
    var writesRefused = false
    /// The counter this workstation's browser keeps for a desk, if any.
    let workstation: WorkstationCounter?

    init(_ request: Request, secureCookies: Bool, staff: StaffAccount? = nil) {
        // Staff pages stay Dutch and English (WebCopy); a customer's choice of another shows them in English.
        languages = request.uri.path.hasPrefix("/staff") ? Self.dutchAndEnglish : Customer.Language.allCases
        let cookies = request.cookies
        (language, languageChosen) = Self.language(
            // Read as the ready answers read it (`customerLanguage`), so that a page is published
            // under the language it is written in.
            cookie: CookieValue.named(Self.languageCookie, in: request.headers[values: .cookie]).map(String.init),
            acceptLanguage: request.headers[.acceptLanguage], among: languages)
        // Only a token as Loket makes them (64 hex digits): the pages put it in their forms as
        // it is, so a cookie planted with anything else in it is replaced, never shown.
        if let token = cookies[Self.csrfCookie]?.value, Self.isToken(token) {
            csrf = token
            newCSRFCookie = nil
        } else {
            csrf = Self.randomToken()
            newCSRFCookie = Cookie(
                name: Self.csrfCookie, value: csrf, path: "/", secure: secureCookies, httpOnly: true, sameSite: .strict)
        }
        // Where the language switch returns to: this page, or after a form (whose address may
        // take only POSTs) the start page of the part of the site the visitor is in.
        if request.method == .get {
            backPath = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
        } else {
            backPath = request.uri.path.hasPrefix("/staff") ? PagePath.staffStart.link() : PagePath.home.link()
        }
        self.staff = staff
        workstation = request.uri.path.hasPrefix("/staff/desks/") ? WorkstationCounter(request) : nil
    }

    /// The visitor's language among `languages`, and whether they chose it with the switch: the
    /// switch's cookie (English when the page is not written in the one chosen), else the
    /// browser's preference, else Dutch.
    static func language(
        cookie: String?, acceptLanguage: String?, among languages: [Customer.Language]
    ) -> (Customer.Language, chosen: Bool) {
        if let chosen = cookie.flatMap({ Customer.Language(rawValue: $0) }) {
            return (languages.contains(chosen) ? chosen : .en, true)
        }
        return (AcceptLanguage.preferred(acceptLanguage, among: languages) ?? .nl, false)
    }

    /// How the ready answers of a customer page are chosen: by the language the page would be
    /// in, read from the request as above.
    static let customerLanguage = ReadyAnswers.Variation(name: "customer language") { headers in
        language(
            cookie: CookieValue.named(languageCookie, in: headers[values: .cookie]).map(String.init),
            acceptLanguage: headers[.acceptLanguage],
            among: Customer.Language.allCases
        ).0.rawValue
    }

    /// The form fields of a POST, after checking its token; a missing or wrong token is refused
    /// with 403 and nothing happens.
    func form(_ request: Request) async throws -> [String: String] {
        var buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: 64 * 1024)
        } catch is NIOTooManyBytesError {
            throw Refusal(.tooLarge, field: "form", code: "too_large", "The form is too large to read.")
        }
        let text = buffer.readString(length: buffer.readableBytes) ?? ""
        let fields: [String: String]
        do {
            fields = text.isEmpty ? [:] : try URLEncodedFormDecoder().decode([String: String].self, from: text)
        } catch {
            throw Refusal.invalid("form", "unreadable", "The form could not be read; go back and send it again.")
        }
        guard let sent = fields["csrf"], newCSRFCookie == nil, Self.constantTimeEqual(sent, csrf) else {
            throw Refusal(
                .forbidden, field: "csrf", code: "csrf_failed",
                "This form has expired or did not come from Loket. Go back, reload the page and try again.")
        }
        return DateInput.combined(fields)
    }

    /// 32 random bytes as 64 hex digits (a first visit costs one, so it is made without formatting).
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(64)
        for _ in 0..<4 {
            var word = generator.next()
            for _ in 0..<16 {
                text.append(digits[Int(word & 0xF)])
                word >>= 4
            }
        }
        return String(decoding: text, as: UTF8.self)
    }

    static func isToken(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

extension WebRequest {
    /// The key of a prepared page (`PageCache`) showing `what`: its language, and whether it
    /// carries the read-only notice.
    func pageKey(_ what: String) -> String {
        "\(writesRefused ? "read-only " : "")\(language.rawValue) \(what)"
    }
}
