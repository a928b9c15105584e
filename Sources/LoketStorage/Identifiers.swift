import Crypto
import Foundation
import LoketDomain

/// The random identifiers and secrets storage hands out, and the digest secrets are kept as.
enum Identifiers {
    /// 128 random bits, URL-safe: identifiers that cannot be guessed or enumerated.
    static func make() -> String { randomBase64URL(bytes: 16) }

    /// The short code shown at the desk. Codes only need to differ within one desk's day; the
    /// unique index refuses a clash there (odds about one in a million per desk-day) rather
    /// than let two customers share a code.
    static func appointmentCode() -> String {
        var generator = SystemRandomNumberGenerator()
        return AppointmentCode.make(using: &generator)
    }

    /// 256 random bits: a token (manage token, API key, …), shown once and stored only as its
    /// SHA-256 digest.
    static func token() -> String { randomBase64URL(bytes: 32) }

    static func randomBase64URL(bytes count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(
                of: "=", with: "")
    }

    static func hash(_ token: String) -> String { SHA256.hash(data: Data(token.utf8)).hexString }
}

extension Sequence where Element == UInt8 {
    var hexString: String { map { String(format: "%02x", $0) }.joined() }
}

extension Date {
    var millis: Int { Int((timeIntervalSince1970 * 1000).rounded()) }
    init(millis: Int) { self.init(timeIntervalSince1970: Double(millis) / 1000) }
}
