import Foundation

/// A member of staff who signs in to the desk pages. The password digest never leaves storage.
public struct StaffAccount: Sendable, Hashable, Codable {
    public let id: String
    public let username: String
    public let role: StaffRole
    /// The desk a clerk or desk manager works at; nil for an admin, who may act at every desk.
    public let desk: String?
    public let active: Bool

    public init(id: String, username: String, role: StaffRole, desk: String?, active: Bool) {
        self.id = id
        self.username = username
        self.role = role
        self.desk = desk
        self.active = active
    }

    /// Whether this account may act as `role` at `desk`.
    public func may(_ role: StaffRole, at desk: String) -> Bool {
        guard active, self.role >= role else { return false }
        return self.role == .admin || self.desk == desk
    }

    /// Usernames are lower-case letters, digits, dots and dashes, 3 to 40 long: they appear in
    /// audit trails, so they must not be an email address or a name.
    public static func validUsername(_ text: String) -> Bool {
        (3...40).contains(text.count)
            && text.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "-" }
    }

    /// Passwords need 12 characters at least; length does more than character rules.
    public static let minimumPasswordLength = 12
}
