import Foundation
import HTTPTypes
import Hummingbird
import LoketApp
import LoketDomain
import LoketTestSupport
import Testing

/// Every link and form in the page templates leads to a route the pages register, with the
/// method it is followed with (a link: GET, a form: POST unless it says GET): the links made in Swift come from the
/// same `PagePath` as their route, and these are the ones written in the templates. No two
/// routes clash.
@Suite(.timeLimit(.minutes(3))) struct PageLinksTests {
    static let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources/LoketWeb/Resources/templates").standardized

    /// `href="/…"` and `action="/…"` in every template, with the template's name; `{{x}}`
    /// standing for a value is one path segment, a trailing `{{back}}` is a query.
    static func links() throws -> [(template: String, method: HTTPRequest.Method, path: String)] {
        let files = try FileManager.default.contentsOfDirectory(atPath: templates.path).filter {
            $0.hasSuffix(".mustache")
        }
        #expect(files.count > 30)
        var links: [(String, HTTPRequest.Method, String)] = []
        let pattern = try Regex(#"(href|action)="(/[^"?#]*)"#)
        for file in files.sorted() {
            let text = try String(contentsOf: templates.appendingPathComponent(file), encoding: .utf8)
            for match in text.matches(of: pattern) {
                guard let kind = match.output[1].substring, var path = match.output[2].substring.map(String.init)
                else { continue }
                // A value's placeholder at the end of a segment that is not one of its own is a query.
                while let end = path.range(of: "{{", options: .backwards), !path[..<end.lowerBound].hasSuffix("/") {
                    path = String(path[..<end.lowerBound])
                }
                // A form is posted unless its tag says `method="get"`.
                let tag = text[..<match.range.lowerBound].split(separator: "<").last ?? ""
                let method: HTTPRequest.Method = kind == "action" && !tag.contains(#"method="get""#) ? .post : .get
                links.append((file, method, path.replacingOccurrences(of: "{{", with: "{")))
            }
        }
        return links
    }

    /// Whether `path` (with `{x}` for any value) is matched by the route `route`.
    static func matches(_ path: String, _ route: RouterPath) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        guard parts.count == route.components.count else { return false }
        return zip(parts, route.components).allSatisfy { part, element in
            part.hasPrefix("{") ? element.description.hasPrefix("{") || element ~= "value" : element ~= part
        }
    }

    @Test func everyTemplateLinkLeadsToARoute() async throws {
        let (database, _, drop) = try await TestDatabase.make(.sqlite)
        let options = ServerOptions(network: TestNetwork.network)
        let router = router(Loket(options: options, database: database, logger: TestDatabase.logger), options)
        await drop()
        try router.validate()
        let routes = router.routes
        let links = try Self.links()
        #expect(links.count > 50)
        for link in links {
            let routed = routes.contains { $0.method == link.method && Self.matches(link.path, $0.path) }
            #expect(routed, "\(link.template): \(link.method) \(link.path) has no route")
        }
    }
}
