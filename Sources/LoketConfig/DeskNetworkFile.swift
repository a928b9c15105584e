import Foundation
import LoketDomain
import LoketYAML
import Yams

/// Reads a desk network from a YAML file: the one shipped with Loket, or the operator's own.
public enum DeskNetworkFile {
    public struct Invalid: Error, CustomStringConvertible {
        public let path: String
        public let problems: [String]
        public var description: String { "\(path): " + problems.joined(separator: "; ") }
    }

    /// The default network: the IND desks of the source document.
    public static var bundledURL: URL { Bundle.module.url(forResource: "desk-network", withExtension: "yaml")! }

    public static func loadBundled() throws -> DeskNetwork { try load(bundledURL) }

    public static func load(_ url: URL) throws -> DeskNetwork {
        let text = try String(contentsOf: url, encoding: .utf8)
        return try parse(text, path: url.path)
    }

    public static func parse(_ text: String, path: String = "desk network") throws -> DeskNetwork {
        let network: DeskNetwork
        do {
            network = try YAMLDecoder().decode(DeskNetwork.self, from: text)
        } catch let error as DecodingError {
            throw Invalid(path: path, problems: [describe(error)])
        }
        let problems =
            try UnknownKeys.find(in: text, decoded: network).map { "\($0): unknown key" } + network.problems()
        guard problems.isEmpty else { throw Invalid(path: path, problems: problems) }
        return network
    }

    static func describe(_ error: DecodingError) -> String {
        func at(_ path: [any CodingKey]) -> String {
            path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().drop(while: { $0 == "." })
                .description
        }
        switch error {
        case .keyNotFound(let key, let context): return "\(at(context.codingPath + [key])): missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(at(context.codingPath)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
