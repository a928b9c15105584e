import Foundation
import HTTPTypes
import Hummingbird
import LoketApp
import LoketDomain

extension Request {
    /// A query parameter as given, nil when absent or empty.
    func query(_ name: String) -> String? {
        guard let value = uri.queryParameters.get(name), !value.isEmpty else { return nil }
        return value
    }

    /// The target as the route understood it: the path as sent, then each parameter it read that
    /// the request gave, in the route's order, with its value as read (`persons=01` is
    /// `persons=1`). Only an answer to exactly this target is sent past the router
    /// (`ReadyAnswers`), so the many spellings of one question cannot fill its bound.
    func canonicalTarget(_ parameters: KeyValuePairs<String, String?>) -> String {
        let path = head.path.map { String($0.prefix { $0 != "?" }) } ?? ""
        let given = parameters.compactMap { name, value in
            self.query(name) == nil ? nil : value.map { "\(name)=\($0)" }
        }
        return given.isEmpty ? path : path + "?" + given.joined(separator: "&")
    }

    /// An integer query parameter; a value that is not a number is refused by name.
    func integerQuery(_ name: String) throws -> Int? {
        guard let text = query(name) else { return nil }
        guard let value = Int(text) else {
            throw Refusal.invalid(name, "not_a_number", "\(name) must be a whole number.")
        }
        return value
    }

    /// A `YYYY-MM-DD` query parameter; a value that is not a date is refused by name.
    func dateQuery(_ name: String) throws -> LocalDate? { try LocalDate.parse(query(name), field: name) }

    /// The bearer token of `Authorization: Bearer …`.
    var bearerToken: String? {
        guard let header = headers[.authorization] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return String(parts[1]).trimmingCharacters(in: .whitespaces)
    }

    /// `client`'s `Idempotency-Key` for a request of `scope` with this body.
    func idempotencyKey(scope: String, body: [UInt8], client: String?) -> IdempotencyKey? {
        guard let key = headers[Self.idempotencyKeyField] else { return nil }
        return IdempotencyKey(scope: scope, key: key, body: body, client: client)
    }
}

extension Request {
    static let idempotencyKeyField = HTTPField.Name("Idempotency-Key")!
}
