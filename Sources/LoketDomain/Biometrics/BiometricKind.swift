/// What is captured at a desk for a residence document.
public enum BiometricKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Gezichtsopname: the facial image printed on the card.
    case face
    /// Vingerafdrukken: two fingerprints stored on the card's chip.
    case fingerprints
    /// Handtekening: the signature printed on the card.
    case signature
}

/// An earlier capture the service already holds.
public struct BiometricCapture: Sendable, Hashable, Codable {
    public enum Quality: String, Sendable, Hashable, Codable { case sufficient, insufficient }

    public let kind: BiometricKind
    public let date: LocalDate
    public let quality: Quality

    public init(kind: BiometricKind, date: LocalDate, quality: Quality) {
        self.kind = kind
        self.date = date
        self.quality = quality
    }
}
