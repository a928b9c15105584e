/// What a member of staff may do. Each role includes the ones before it at its own desk:
/// a desk manager can also run the desk's day, an admin can do everything everywhere.
public enum StaffRole: String, Sendable, Codable, CaseIterable, Comparable {
    /// Baliemedewerker: runs a desk day — agenda, check-in, calling, served or no-show.
    case clerk
    /// Vestigingsmanager: the desk's roster, opening hours, closures and Saturday openings.
    case deskManager = "desk-manager"
    /// Manages staff accounts and roles.
    case admin

    private var rank: Int {
        switch self {
        case .clerk: 0
        case .deskManager: 1
        case .admin: 2
        }
    }

    public static func < (lhs: StaffRole, rhs: StaffRole) -> Bool { lhs.rank < rhs.rank }
}
