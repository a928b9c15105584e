/// The rules that decide whether a new residence document needs a new capture, as a versioned
/// data file with the legal source beside every rule (`biometrics-policy.yaml` in LoketConfig).
public struct BiometricsPolicy: Sendable, Hashable, Codable {
    /// Identifies the rules an assessment was made under; shown with every answer.
    public let version: String
    public let rules: [BiometricKind: Rule]
    /// How long a recorded capture is kept, in months after it was taken: the longest it could
    /// still be reused, plus a margin. Left out, `defaultRecordKeptMonths`.
    public let recordKeptMonths: Int?

    public struct Rule: Sendable, Hashable, Codable {
        /// No capture of this kind before this age (fingerprints: 6).
        public let requiredFromAge: Int
        /// A capture made before one of these birthdays may not be reused on or after it
        /// (fingerprints: 12 and 18).
        public let retakeAtAges: [Int]
        /// The oldest a capture may be on the application date, in months (face: 6); nil for no limit.
        public let maxAgeMonths: Int?
        /// Whether a capture of insufficient quality must be taken again. An insufficient capture
        /// is never reused either way; without this, an older sufficient one may still serve.
        public let retakeWhenInsufficient: Bool
        /// Where the rule comes from, shown to staff.
        public let source: String

        public init(
            requiredFromAge: Int, retakeAtAges: [Int], maxAgeMonths: Int?, retakeWhenInsufficient: Bool, source: String
        ) {
            self.requiredFromAge = requiredFromAge
            self.retakeAtAges = retakeAtAges
            self.maxAgeMonths = maxAgeMonths
            self.retakeWhenInsufficient = retakeWhenInsufficient
            self.source = source
        }
    }

    public init(version: String, rules: [BiometricKind: Rule], recordKeptMonths: Int? = nil) {
        self.version = version
        self.rules = rules
        self.recordKeptMonths = recordKeptMonths
    }

    /// Five years and a half. Assumed: a regular residence permit is valid for at most five
    /// years (art. 26 Vb 2000), so a capture is reused at most until the next extension, and the
    /// half year covers an extension applied for late.
    public static let defaultRecordKeptMonths = 66

    /// Captures taken before this day on `today` are no longer needed (AVG art. 5(1)(e)).
    public func recordKeptSince(today: LocalDate) -> LocalDate {
        today.adding(months: -(recordKeptMonths ?? Self.defaultRecordKeptMonths))
    }
}

extension BiometricKind: CodingKeyRepresentable {}
