/// Which of a scenario's products plays which part in the model, so that the model never names
/// a product key itself. Written in a scenario as `productRoles: {biometrics: BIO, collection: DOC}`;
/// a role left out keeps the planner's key, which is what the shipped scenarios use.
public struct ProductRoles: Sendable, Codable, Hashable {
    /// The biometrics visit: calls to the information line rise with its national wait.
    public var biometrics: String
    /// The visit to collect the document: courier delivery replaces a share of these.
    public var collection: String

    /// The planner's product keys (see `LoketDomain.Product`), for roles a scenario leaves out.
    public static let plannerKeys = ProductRoles(biometrics: "BIO", collection: "DOC")

    public init(biometrics: String, collection: String) {
        self.biometrics = biometrics
        self.collection = collection
    }

    private enum CodingKeys: String, CodingKey { case biometrics, collection }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        biometrics = try c.decodeIfPresent(String.self, forKey: .biometrics) ?? Self.plannerKeys.biometrics
        collection = try c.decodeIfPresent(String.self, forKey: .collection) ?? Self.plannerKeys.collection
    }
}
