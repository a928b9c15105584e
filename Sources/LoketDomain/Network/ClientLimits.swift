/// What one client may do how often, each a token bucket counted per client address: a first
/// line against scripts that poll and grab (see FAIRNESS.md), set so that a person clicking
/// through the pages never meets one. Every field has a default, so a network file may leave
/// the section out; `enabled: false` switches them all off (for measuring what they do).
public struct ClientLimits: Sendable, Hashable, Codable {
    /// Up to `burst` at once, refilled at `perMinute`.
    public struct Bucket: Sendable, Hashable, Codable {
        public let burst: Int
        public let perMinute: Double

        public init(burst: Int, perMinute: Double) {
            self.burst = burst
            self.perMinute = perMinute
        }
    }

    /// The limited actions, by the name a refusal gives.
    public enum Rule: String, Sendable, Hashable, Codable, CaseIterable {
        case slotReads, holds, confirmations, waitlistJoins, drawEntries, signIns, recordLookups
        case invitationMisses

        /// Generous for people: a month of calendar pages a minute, a few tries at a time.
        var standard: Bucket {
            switch self {
            case .slotReads: Bucket(burst: 60, perMinute: 60)
            case .holds: Bucket(burst: 10, perMinute: 2)
            case .confirmations: Bucket(burst: 5, perMinute: 1)
            case .waitlistJoins: Bucket(burst: 3, perMinute: 0.2)
            case .drawEntries: Bucket(burst: 3, perMinute: 0.2)
            case .signIns: Bucket(burst: 10, perMinute: 2)
            // Looking up the biometrics record by V-number and date of birth: a few tries,
            // so that nobody finds a date of birth by trying every day of a century.
            case .recordLookups: Bucket(burst: 10, perMinute: 1)
            // People named who match no invitation: a person mistypes a few times; a script
            // trying V-numbers or dates of birth from one address stops here.
            case .invitationMisses: Bucket(burst: 10, perMinute: 1)
            }
        }
    }

    public let enabled: Bool?
    public let slotReads: Bucket?
    public let holds: Bucket?
    public let confirmations: Bucket?
    public let waitlistJoins: Bucket?
    public let drawEntries: Bucket?
    public let signIns: Bucket?
    public let recordLookups: Bucket?
    public let invitationMisses: Bucket?
    /// Holds one client may keep at once; left out, 2.
    public let maxActiveHolds: Int?
    /// How many leading bits of an IPv6 address name one client; left out, 64: a provider gives
    /// each home or phone a whole /64 (RIPE-690), so its addresses are one client.
    public let ipv6Prefix: Int?

    public init(
        enabled: Bool? = nil, slotReads: Bucket? = nil, holds: Bucket? = nil, confirmations: Bucket? = nil,
        waitlistJoins: Bucket? = nil, drawEntries: Bucket? = nil, signIns: Bucket? = nil, recordLookups: Bucket? = nil,
        invitationMisses: Bucket? = nil, maxActiveHolds: Int? = nil, ipv6Prefix: Int? = nil
    ) {
        self.enabled = enabled
        self.slotReads = slotReads
        self.holds = holds
        self.confirmations = confirmations
        self.waitlistJoins = waitlistJoins
        self.drawEntries = drawEntries
        self.signIns = signIns
        self.recordLookups = recordLookups
        self.invitationMisses = invitationMisses
        self.maxActiveHolds = maxActiveHolds
        self.ipv6Prefix = ipv6Prefix
    }

    public var isEnabled: Bool { enabled ?? true }
    public var activeHoldsAllowed: Int { maxActiveHolds ?? 2 }
    public var ipv6PrefixLength: Int { ipv6Prefix ?? 64 }

    /// The bucket in force for `rule`, the default when the file does not set it.
    public func bucket(_ rule: Rule) -> Bucket {
        let set: Bucket? =
            switch rule {
            case .slotReads: slotReads
            case .holds: holds
            case .confirmations: confirmations
            case .waitlistJoins: waitlistJoins
            case .drawEntries: drawEntries
            case .signIns: signIns
            case .recordLookups: recordLookups
            case .invitationMisses: invitationMisses
            }
        return set ?? rule.standard
    }
}
