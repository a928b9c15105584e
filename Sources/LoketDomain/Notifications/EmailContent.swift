/// What every message Loket writes has: a subject, a plain-text body and an HTML body, in the
/// recipient's language. The mail dispatcher addresses any of them the same way.
public protocol EmailContent: Sendable {
    var subject: String { get }
    var text: String { get }
    var html: String { get }
}
