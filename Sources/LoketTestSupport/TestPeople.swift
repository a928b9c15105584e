import LoketDomain

/// V-numbers for test customers: one per name, the same in every run, so a test may book for many
/// people where each person has one live booking per product.
public enum TestPeople {
    /// Ten digits from the name (FNV-1a), zero-padded.
    public static func vNumber(_ name: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let digits = String(hash % 10_000_000_000)
        return String(repeating: "0", count: 10 - digits.count) + digits
    }

    /// One customer, for tests that book for one person.
    public static let customer = try! Customer.validated(
        name: "Ana Silva", email: "ana@example.nl", phone: nil, vNumber: "1234567890", bsn: nil, language: "en")
}
