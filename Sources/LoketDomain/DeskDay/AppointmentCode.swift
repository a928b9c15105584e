/// The short code a customer shows at the desk to check in ("afspraakcode"), e.g. `K7M2-Q9XD`:
/// eight characters from 31 symbols without look-alikes (no 0/O, 1/I/L), about 40 random bits.
public enum AppointmentCode {
    public static let alphabet = Array("ABCDEFGHJKMNPQRSTUVWXYZ23456789")

    public static func make<G: RandomNumberGenerator>(using generator: inout G) -> String {
        let symbols = (0..<8).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
        return String(symbols[0..<4]) + "-" + String(symbols[4..<8])
    }

    /// What a clerk typed, in the stored form: upper case, spaces dropped, dash restored; nil
    /// when it cannot be a code.
    public static func normalised(_ typed: String) -> String? {
        let symbols = typed.uppercased().filter { $0 != " " && $0 != "-" }
        guard symbols.count == 8, symbols.allSatisfy(alphabet.contains) else { return nil }
        return String(symbols.prefix(4)) + "-" + String(symbols.suffix(4))
    }
}
