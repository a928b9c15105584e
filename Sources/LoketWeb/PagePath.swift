import Foundation
import Hummingbird

/// A page's path, declared once (`PagePaths.swift`): the router matches its pattern, and every
/// link to the page is made from it, so a link cannot name a page that is not routed. Written
/// by hand: Hummingbird's `RouterPath` matches paths but does not build them.
struct PagePath: Sendable {
    /// The path with `{name}` for each parameter, as the router reads it.
    let pattern: String

    init(_ pattern: String) { self.pattern = pattern }

    /// The pattern for the router.
    var route: RouterPath { RouterPath(pattern) }

    /// The path with the parameter `name` fixed to `value`: one route per value of a closed set
    /// (the kinds of desk change, the answers to an offer).
    func filling(_ name: String, with value: String) -> PagePath {
        PagePath(pattern.replacingOccurrences(of: "{\(name)}", with: value))
    }

    /// A link to the page: each parameter filled in order with a value escaped as one path
    /// segment, then the query's items whose value is not nil, escaped, in the order given.
    func link(
        _ values: any CustomStringConvertible..., query: KeyValuePairs<String, (any CustomStringConvertible)?> = [:]
    ) -> String {
        var path = ""
        var values = values.makeIterator()
        var rest = Substring(pattern)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            path += rest[..<open]
            // A link with fewer values than the pattern has parameters is a programming error.
            guard let value = values.next() else { preconditionFailure("\(pattern): a value for each parameter") }
            path += value.description.addingPercentEncoding(withAllowedCharacters: Self.segment) ?? ""
            rest = rest[rest.index(after: close)...]
        }
        path += rest
        precondition(values.next() == nil, "\(pattern): more values than parameters")
        return path + Self.query(query)
    }

    /// `?` and the items whose value is not nil, escaped, in the order given; nothing when none
    /// is left: the query of a link to a page whose path is already made.
    static func query(_ items: KeyValuePairs<String, (any CustomStringConvertible)?>) -> String {
        let items = items.compactMap { key, value in
            value.map { "\(key)=\($0.description.addingPercentEncoding(withAllowedCharacters: Self.queryValue) ?? "")" }
        }
        return items.isEmpty ? "" : "?" + items.joined(separator: "&")
    }

    /// What may stand unescaped in one path segment.
    private static let segment = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#"))
    /// What may stand unescaped in a query value.
    private static let queryValue = CharacterSet.urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+?#"))
}
