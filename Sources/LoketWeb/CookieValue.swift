/// The value of one cookie in a request's `Cookie` headers (RFC 6265 §5.4: `name=value` pairs
/// separated by `;` and a space), read over the bytes. Hand-written: Hummingbird's `Cookies`
/// first splits every pair as characters, which cost the desks page, a ready answer chosen by
/// the language cookie, a sixth of its time.
enum CookieValue {
    static func named(_ name: String, in headers: [String]) -> Substring? {
        for header in headers {
            var rest = header.utf8[...]
            while !rest.isEmpty {
                let end = rest.firstIndex(of: UInt8(ascii: ";")) ?? rest.endIndex
                let pair = rest[..<end].drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
                if pair.starts(with: name.utf8), pair.dropFirst(name.utf8.count).first == UInt8(ascii: "=") {
                    // An empty value is none, as in Hummingbird's `Cookies`.
                    let value = pair.dropFirst(name.utf8.count + 1)
                    return value.isEmpty ? nil : Substring(value)
                }
                rest = end == rest.endIndex ? rest[end...] : rest[rest.index(after: end)...]
            }
        }
        return nil
    }
}
