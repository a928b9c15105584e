import Foundation
import HTTPTypes
import Hummingbird
import LoketApp
import LoketDomain
import Mustache

/// Renders the web pages from the Mustache templates shipped with Loket, inside one layout
/// that carries the language switch, the skip link and the error summary.
struct WebPages: Sendable {
    let library: MustacheLibrary

    /// Loads the templates from the bundle; a missing or broken template is a broken build.
    static func load() throws -> WebPages {
        guard let directory = Bundle.module.resourceURL?.appendingPathComponent("templates") else {
            throw Refusal(
                .notFound, field: "templates", code: "missing", "The page templates are missing from the build.")
        }
        var library = MustacheLibrary()
        for file in try FileManager.default.contentsOfDirectory(atPath: directory.path)
        where file.hasSuffix(".mustache") {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            try library.register(text, named: String(file.dropLast(".mustache".count)))
        }
        return WebPages(library: library)
    }

    /// A page in the request's language whose own fields are those of `page`, a view model
    /// struct, next to `t` (texts), `lang`, `csrf`, `errors` and the other fields of the layout.
    func render(
        _ template: String, _ request: WebRequest, title: String, page: some Sendable,
        errors: [FieldError] = [], status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]
    ) -> Response {
        let context = PageContext(page: page, layout: layout(request, title: title, errors: errors))
        return response(template, context, request: request, status: status, headers: headers)
    }

    /// A public page rendered for everyone who asks for it in `request`'s language, with a gap for
    /// each visitor's form token (`PreparedPage`). Only for pages without a signed-in member of staff.
    func prepare(
        _ template: String, _ request: WebRequest, title: String, page: some Sendable, headers: HTTPFields = [:]
    ) -> PreparedPage {
        var fields = layout(request, title: title, errors: [])
        fields.csrf = PreparedPage.tokenGap
        let html = library.render(PageContext(page: page, layout: fields), withTemplate: template) ?? ""
        var all = headers
        all[.contentType] = "text/html; charset=utf-8"
        all[.cacheControl] = "no-store"
        return PreparedPage(html: html, status: .ok, headers: all)
    }

    /// What the layout needs on every page.
    private func layout(_ request: WebRequest, title: String, errors: [FieldError]) -> LayoutFields {
        let language = request.language
        return LayoutFields(
            t: WebCopy.table(language), lang: language.rawValue, dir: language.direction, title: title,
            csrf: request.csrf,
            languages: request.languages.filter { $0 != language }.map {
                LayoutFields.LanguageLink(
                    code: $0.rawValue, name: $0.ownName, dir: $0.direction,
                    href: PagePath.language.link(query: ["to": $0.rawValue, "back": request.backPath]))
            },
            errors: errors, readOnly: request.writesRefused,
            staff: request.staff.map {
                LayoutFields.Staff(
                    username: $0.username, signedInAs: WebCopy.text("signedInAs", language, $0.username),
                    mayPlan: $0.active && $0.role >= .deskManager)
            })
    }

    private func response(
        _ template: String, _ context: Any, request: WebRequest, status: HTTPResponse.Status,
        headers: HTTPFields
    ) -> Response {
        let html = library.render(context, withTemplate: template) ?? "template \(template) missing"
        var fields = headers
        fields[.contentType] = "text/html; charset=utf-8"
        fields[.cacheControl] = "no-store"
        if let cookie = request.newCSRFCookie { fields.append(HTTPField(name: .setCookie, value: cookie.description)) }
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// A page that only says what went wrong, with a way back.
    func problem(_ request: WebRequest, status: HTTPResponse.Status, message: String) -> Response {
        let notFound = status == .notFound || status == .gone
        let title = WebCopy.text(notFound ? "notFoundTitle" : "problemTitle", request.language)
        return render("problem", request, title: title, page: ProblemPage(message: message), status: status)
    }
}

/// The fields of layout.mustache, which every page has.
struct LayoutFields {
    struct Staff {
        let username: String, signedInAs: String
        /// Desk managers and admins see the links to the dashboard and the forecast.
        let mayPlan: Bool
    }
    /// The text table of the page's language.
    /// Each other language a visitor may switch to, named in itself.
    struct LanguageLink {
        let code: String, name: String, dir: String, href: String
    }
    let t: [String: String]
    let lang: String
    /// `rtl` for Arabic: the whole page mirrors.
    let dir: String
    let title: String
    var csrf: String
    let languages: [LanguageLink]
    let errors: [FieldError]
    /// The notice that only viewing works (`WebRequest.writesRefused`).
    let readOnly: Bool
    let staff: Staff?
}

/// A page as a template sees it: the layout's fields, then the view model's fields by name
/// (Mirror, as Mustache reads any struct). Three families of names are derived: `error_<field>`
/// is the message of that field's error, `date_<field>` the boxes of a date (`DateInput`), and
/// `has_<list>` says whether a list of the layout or page has items.
/// A field that is nil counts as absent.
///
/// Both are reflected once, into a table: inside a section every name a row does not have is
/// looked up here, so a clerk's agenda of 1,700 rows would otherwise reflect the page thousands
/// of times.
struct PageContext: MustacheParent {
    let layout: LayoutFields
    private let fields: [String: Any]

    init(page: Any, layout: LayoutFields) {
        self.layout = layout
        // The layout's fields win over a page field of the same name.
        self.fields = Self.fields(of: page).merging(Self.fields(of: layout)) { _, layout in layout }
    }

    func child(named name: String) -> Any? {
        if name.hasPrefix("error_") {
            let field = name.dropFirst("error_".count)
            return layout.errors.first { $0.field == field }?.message
        }
        if let value = fields[name] { return value }
        // `date_<field>`: the three boxes of a date (date-input.mustache), filled from the form.
        if name.hasPrefix("date_") {
            let field = String(name.dropFirst("date_".count))
            return DateInput(
                field: field, form: fields["form"] as? [String: String] ?? [:], value: fields[field] as? String,
                error: layout.errors.first { $0.field == field }?.message,
                birthday: field == "dateOfBirth" && layout.staff == nil)
        }
        if name.hasPrefix("has_"), let items = fields[String(name.dropFirst(4))] as? [Any] {
            return !items.isEmpty
        }
        return nil
    }

    /// The stored properties of `object` by name, optionals unwrapped; nil ones left out.
    private static func fields(of object: Any) -> [String: Any] {
        var fields: [String: Any] = [:]
        for child in Mirror(reflecting: object).children {
            guard let label = child.label else { continue }
            let optional = Mirror(reflecting: child.value)
            if optional.displayStyle == .optional {
                if let value = optional.children.first?.value { fields[label] = value }
            } else {
                fields[label] = child.value
            }
        }
        return fields
    }
}

/// A field that failed validation, shown next to the field and in the summary at the top.
struct FieldError: Sendable {
    let field: String
    let message: String
}

/// 303 See Other: where a form sends the browser after a POST that worked.
func redirect(_ location: String, cookies: [Cookie] = []) -> Response {
    var headers: HTTPFields = [.location: location, .cacheControl: "no-store"]
    for cookie in cookies { headers.append(HTTPField(name: .setCookie, value: cookie.description)) }
    return Response(status: .seeOther, headers: headers)
}
