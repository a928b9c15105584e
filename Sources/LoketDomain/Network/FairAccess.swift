/// The rules that keep scarce capacity fair when part of the traffic is scripts (see
/// FAIRNESS.md). Every field has a default, so a network file may leave the section out.
public struct FairAccess: Sendable, Hashable, Codable {
    /// How often one appointment may be moved; left out, 3. Swap chains that hand a slot over
    /// (book under one name, cancel as the buyer books in the same second) stop here.
    public let maxMoves: Int?
    /// Per-client limits; defaults when left out.
    public let limits: ClientLimits?
    /// When capacity is drawn instead of booked first-come; left out, only by a desk manager.
    public let draws: DrawRule?

    public init(maxMoves: Int? = nil, limits: ClientLimits? = nil, draws: DrawRule? = nil) {
        self.maxMoves = maxMoves
        self.limits = limits
        self.draws = draws
    }

    public var movesAllowed: Int { maxMoves ?? 3 }
    public var clientLimits: ClientLimits { limits ?? ClientLimits() }
    public var drawRule: DrawRule { draws ?? DrawRule() }
}
