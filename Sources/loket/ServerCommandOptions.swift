import ArgumentParser
import Foundation
import Logging
import LoketDomain
import LoketServer
import LoketStorage

/// What `loket serve` needs beyond the database: connection limits, where `/metrics` is served
/// and the keys that sign manage links.
struct ServerCommandOptions: ParsableArguments {
    @Option(
        help:
            "Seconds a connection may stay idle, or take to send a request head, before it is closed (default 30). Env: LOKET_IDLE_TIMEOUT."
    )
    var idleTimeout: Int?

    @Option(
        help: "Seconds a request may take to arrive whole once its head has (default 30). Env: LOKET_READ_TIMEOUT.")
    var readTimeout: Int?

    @Option(
        help: ArgumentHelp(
            "Serve /metrics on this address only, not on the main one, e.g. 127.0.0.1:9090. Env: LOKET_METRICS_ADDRESS.",
            valueName: "host:port"))
    var metricsAddress: String?

    @Option(
        help: ArgumentHelp(
            "File of keys that sign manage links, one per line, the first signing (default: made beside a SQLite database, or loket-manage-link.key). Env: LOKET_MANAGE_LINK_KEY_FILE, or the keys themselves, comma-separated, in LOKET_MANAGE_LINK_KEY.",
            valueName: "path"))
    var manageLinkKeyFile: String?

    func limits() throws -> ConnectionLimits {
        func seconds(_ value: Int?, _ name: String, _ variable: String) throws -> Duration {
            let text = value.map(String.init) ?? environment(variable) ?? "30"
            guard let seconds = Int(text), seconds > 0 else {
                throw ValidationError("--\(name) (\(variable)): a positive number of seconds")
            }
            return .seconds(seconds)
        }
        return ConnectionLimits(
            idleTimeout: try seconds(idleTimeout, "idle-timeout", "LOKET_IDLE_TIMEOUT"),
            readTimeout: try seconds(readTimeout, "read-timeout", "LOKET_READ_TIMEOUT"))
    }

    /// The separate metrics address, if one is given.
    func metricsEndpoint() throws -> (host: String, port: Int)? {
        guard let text = metricsAddress ?? environment("LOKET_METRICS_ADDRESS") else { return nil }
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (1...65535).contains(port)
        else {
            throw ValidationError("--metrics-address: HOST:PORT, e.g. 127.0.0.1:9090")
        }
        let host = text[..<colon].trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        guard !host.isEmpty else { throw ValidationError("--metrics-address: HOST:PORT, e.g. 127.0.0.1:9090") }
        return (host, port)
    }

    /// The manage-link keys: from the file given, or the environment, or a file made on first
    /// start beside the database. The log says which file, never a key.
    func manageLinkKeys(database: String, logger: Logger) throws -> ManageLinkKeys {
        do {
            if let path = manageLinkKeyFile {
                return try ManageLinkKeyFile.read(URL(fileURLWithPath: path))
            }
            if let keys = environment("LOKET_MANAGE_LINK_KEY") {
                return try ManageLinkKeys(ManageLinkKeys.secrets(in: keys))
            }
            if let path = environment("LOKET_MANAGE_LINK_KEY_FILE") {
                return try ManageLinkKeyFile.read(URL(fileURLWithPath: path))
            }
            let url = ManageLinkKeyFile.defaultLocation(database: database)
            let (keys, created) = try ManageLinkKeyFile.readOrCreate(url)
            logger.notice(
                created ? "manage-link key made" : "manage-link key read",
                metadata: [
                    "file": "\(url.path)",
                    "hint": "every server must use the same key: give --manage-link-key-file or LOKET_MANAGE_LINK_KEY",
                ])
            return keys
        } catch let error as Refusal {
            throw ValidationError("--\(error.field): \(error.message)")
        }
    }
}
