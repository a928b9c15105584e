import Foundation

extension Desk {
    /// The desk as a person looks it up: name, address and city, each once.
    public var place: String {
        var parts = [name]
        for part in [address, city] where !parts.contains(part) { parts.append(part) }
        return parts.joined(separator: ", ")
    }

    /// Directions to the desk from wherever the person is, by public transport too: a Google
    /// Maps URL (its documented cross-platform form, which opens the maps app on a phone). It
    /// carries only the desk's own address, nothing about the person.
    public var routeURL: String {
        // RFC 3986's unreserved characters, ASCII only: every other byte is percent-encoded.
        let allowed = CharacterSet(
            charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        let destination = place.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
        return "https://www.google.com/maps/dir/?api=1&destination=\(destination)"
    }
}
