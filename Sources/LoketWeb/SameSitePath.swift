/// Where a redirect may go when the address came from the request (the language switch's
/// `back`): a path on this site only, or the redirect becomes an open door to any other site.
/// Browsers drop tabs and newlines from a location and read `\` as `/`, so `/%09/evil.example`
/// and `/\evil.example` would leave the site; anything doubtful falls back to `/`.
enum SameSitePath {
    static func from(_ value: String?) -> String {
        guard let value, value.hasPrefix("/") else { return "/" }
        let second = value.dropFirst().first
        guard second != "/", second != "\\" else { return "/" }
        let doubtful = value.unicodeScalars.contains {
            $0 == "\\" || $0.properties.generalCategory == .control || $0.properties.isWhitespace
        }
        return doubtful ? "/" : value
    }
}
