import Foundation
import HTTPTypes
import LoketApp
import NIOCore
import Testing

/// What a suite that drives the pages as a browser needs: the language and form-token cookies
/// on every request, forms sent with their token, staff passwords hashed cheaply, and the
/// answer with its cookies. A suite conforms and uses `get`, `post` and `signIn`.
protocol PageTests {
    /// The language pages are asked in unless a request says otherwise.
    static var pageLanguage: String { get }
}

/// A page as the browser received it.
struct PageResponse {
    let status: Int
    let headers: HTTPFields
    let body: String

    /// The first `name=value` of a Set-Cookie header for `name`.
    func cookie(_ name: String) -> String? {
        headers[values: .setCookie].first { $0.hasPrefix(name + "=") }?.split(separator: ";").first.map(String.init)
    }
}

extension PageTests {
    typealias Page = PageResponse

    static var pageLanguage: String { "en" }
    static var csrf: String { String(repeating: "cd", count: 32) }
    static var password: String { "a long enough password" }

    /// Cheap password hashes, so that signing in takes no time.
    static func quickHashes(_ options: inout ServerOptions) {
        options.passwordHasher = PasswordHasher(threads: 1, capacity: 64, cost: 4)
    }

    func get(_ api: APIClient, _ uri: String, cookies: [String] = [], language: String? = nil) async throws -> Page {
        let cookie = (["loket_lang=\(language ?? Self.pageLanguage)", "loket_csrf=\(Self.csrf)"] + cookies)
            .joined(separator: "; ")
        return try await api.client.execute(uri: uri, method: .get, headers: [.cookie: cookie]) {
            Page(status: Int($0.status.code), headers: $0.headers, body: String(buffer: $0.body))
        }
    }

    /// A form as the browser sends it: the form token in the cookie and in the fields (`csrf`
    /// nil sends the form without it).
    func post(
        _ api: APIClient, _ uri: String, _ fields: [String: String], cookies: [String] = [], language: String? = nil,
        csrf: String? = Self.csrf
    ) async throws -> Page {
        let cookie = (["loket_lang=\(language ?? Self.pageLanguage)", "loket_csrf=\(Self.csrf)"] + cookies)
            .joined(separator: "; ")
        let all = fields.merging(csrf.map { ["csrf": $0] } ?? [:]) { own, _ in own }
        let body = all.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }
            .joined(separator: "&")
        return try await api.client.execute(
            uri: uri, method: .post, headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: body)
        ) { Page(status: Int($0.status.code), headers: $0.headers, body: String(buffer: $0.body)) }
    }

    /// Signs `username` in with `password` and returns the session cookie.
    func signIn(_ api: APIClient, _ username: String) async throws -> String {
        let response = try await post(api, "/staff/sign-in", ["username": username, "password": Self.password])
        #expect(response.status == 303)
        return try #require(response.cookie("loket_staff"))
    }
}
