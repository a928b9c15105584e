import Foundation

/// How long a staff sign-in lasts. A desk computer left signed in must not stay open to the next
/// person for long, so a session ends after half an hour without a page; and after a work day
/// at most, when signing in again the next morning is expected anyway.
public enum StaffSessionLimits {
    public static let idle: TimeInterval = 30 * 60
    public static let length: TimeInterval = 8 * 3600
}
