import Foundation

/// A system of the service that talks to Loket with an API key (`loket case-system`, `loket
/// courier`): the back office's case system (zaaksysteem) or the government courier. Each key
/// opens only what its kind may do.
public struct ServiceClient: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The service's back office: tells Loket about documents and biometric captures.
        case caseSystem = "case-system"
        /// The courier that delivers documents.
        case courier
    }

    public let id: String
    public let kind: Kind
    public let name: String

    public init(id: String, kind: Kind, name: String) {
        self.id = id
        self.kind = kind
        self.name = name
    }
}
