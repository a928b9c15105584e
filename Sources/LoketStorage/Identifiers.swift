import Crypto
import Foundation
import LoketDomain

/// The random identifiers and secrets storage hands out, and the digest secrets are kept as.
enum Identifiers {
    /// 128 bits, URL-safe: the time of making in milliseconds (48 bits), then 80 random bits, as
    /// a UUIDv7 has them (RFC 9562). The random bits keep it unguessable; the time puts rows made
    /// together on the same pages of every index on them, instead of a page each. Base64's own
    /// characters group identifiers by time without sorting them: on SQLite, keys that only ever
    /// grow wrote more per booking. Not for what the public sees (`random`): it says when it was made.
    static func make(at now: Date = Date()) -> String {
        let millis = UInt64(max(0, now.millis))
        var bytes = KernelRandom.bytes(16)
        for index in 0..<6 { bytes[index] = UInt8(truncatingIfNeeded: millis >> (8 * (5 - index))) }
        return base64URL(bytes)
    }

    /// 128 random bits, URL-safe: for identifiers the public sees, such as a draw's entries in
    /// its published result, which must not say when someone entered.
    static func random() -> String { randomBase64URL(bytes: 16) }

    /// The short code shown at the desk. Codes only need to differ within one desk's day; the
    /// unique index refuses a clash there (odds about one in a million per desk-day) rather
    /// than let two customers share a code.
    static func appointmentCode() -> String {
        var generator = KernelRandom()
        return AppointmentCode.make(using: &generator)
    }

    /// 256 random bits: a token (manage token, API key, …), shown once and stored only as its
    /// SHA-256 digest.
    static func token() -> String { randomBase64URL(bytes: 32) }

    static func randomBase64URL(bytes count: Int) -> String { base64URL(KernelRandom.bytes(count)) }

    private static func base64URL(_ bytes: [UInt8]) -> String {
        // Base64 with the URL-safe alphabet and no padding, mapped byte by byte (three string
        // replacements were 2% of a booking's time).
        let encoded = Data(bytes).base64EncodedData().lazy.filter { $0 != UInt8(ascii: "=") }.map {
            switch $0 {
            case UInt8(ascii: "+"): UInt8(ascii: "-")
            case UInt8(ascii: "/"): UInt8(ascii: "_")
            default: $0
            }
        }
        return String(decoding: encoded, as: UTF8.self)
    }

    static func hash(_ token: String) -> String { SHA256.hash(data: Data(token.utf8)).hexString }
}

extension Sequence where Element == UInt8 {
    /// Lowercase hex. By table, not `String(format:)`: that was 6% of a booking's time (every
    /// hold and booking stores a digest).
    var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(underestimatedCount * 2)
        for byte in self {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}

extension Date {
    var millis: Int { Int((timeIntervalSince1970 * 1000).rounded()) }
    init(millis: Int) { self.init(timeIntervalSince1970: Double(millis) / 1000) }
}
