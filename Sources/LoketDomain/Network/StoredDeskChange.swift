import Foundation

/// A desk manager's change as stored: who made it and when, so it can be shown and undone.
public struct StoredDeskChange: Sendable, Hashable {
    public let id: String
    public let desk: String
    public let change: DeskChange
    public let createdAt: Date

    public init(id: String, desk: String, change: DeskChange, createdAt: Date) {
        self.id = id
        self.desk = desk
        self.change = change
        self.createdAt = createdAt
    }
}
