import ArgumentParser
import Foundation
import Logging
import LoketConfig
import LoketDomain
import LoketStorage
import OTel
import Synchronization

/// Options shared by the commands that open the database, each also settable as `LOKET_*`.
struct DatabaseOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "SQLite file path, or postgres://user:password@host:port/database. Env: LOKET_DATABASE.",
            valueName: "path-or-url"))
    var database: String?

    @Option(
        help: ArgumentHelp(
            "Desk network YAML file; the IND network shipped with Loket when left out. Env: LOKET_DESKS.",
            valueName: "file"))
    var desks: String?

    @Option(
        help: ArgumentHelp(
            "Biometrics policy YAML file; the one shipped with Loket when left out. Env: LOKET_BIOMETRICS_POLICY.",
            valueName: "file"))
    var biometricsPolicy: String?

    @Option(help: "Log level: trace, debug, info, notice, warning, error. Env: LOKET_LOG_LEVEL.")
    var logLevel: String?

    @Option(help: "Log format: text, or json (one object a line). Env: LOKET_LOG_FORMAT.")
    var logFormat: String?

    var resolvedDatabase: String { database ?? environment("LOKET_DATABASE") ?? "loket.sqlite" }

    func loadNetwork() throws -> DeskNetwork {
        if let path = desks ?? environment("LOKET_DESKS") {
            return try DeskNetworkFile.load(URL(fileURLWithPath: path))
        }
        return try DeskNetworkFile.loadBundled()
    }

    func loadBiometricsPolicy() throws -> BiometricsPolicy {
        if let path = biometricsPolicy ?? environment("LOKET_BIOMETRICS_POLICY") {
            return try BiometricsPolicyFile.load(URL(fileURLWithPath: path))
        }
        return try BiometricsPolicyFile.loadBundled()
    }

    func makeLogger() throws -> Logger {
        let text = logLevel ?? environment("LOKET_LOG_LEVEL") ?? "info"
        guard let level = Logger.Level(rawValue: text) else {
            throw ValidationError("--log-level: unknown level \(text)")
        }
        let format = logFormat ?? environment("LOKET_LOG_FORMAT") ?? "text"
        guard ["text", "json"].contains(format) else {
            throw ValidationError("--log-format: text or json, not \(format)")
        }
        Self.bootstrapLogging(json: format == "json")
        var logger = Logger(label: "loket")
        logger.logLevel = level
        return logger
    }

    /// Every logger of the process writes in the chosen format and names the request being
    /// served on each line, and with tracing on (`serve --otlp-endpoint`) its trace and span;
    /// set once, before the first logger is made.
    static func bootstrapLogging(json: Bool) {
        bootstrapped.withLock { done in
            guard !done else { return }
            done = true
            LoggingSystem.bootstrap(
                { label, provider -> any LogHandler in
                    json
                        ? JSONLogHandler(label: label, metadataProvider: provider)
                        : StreamLogHandler.standardError(label: label, metadataProvider: provider)
                }, metadataProvider: .multiplex([.tracedRequest, OTel.makeLoggingMetadataProvider()]))
        }
    }

    private static let bootstrapped = Mutex(false)
}

func environment(_ name: String) -> String? {
    guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { return nil }
    return value
}
