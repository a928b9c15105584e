import Logging
import NIOCore
import SQLKit

/// A database that logs each statement's text at trace level and never its values, which may be
/// personal data (a V-number looked up, a customer's email written): the drivers' own SQLKit
/// log (`queryLogLevel`) lists the values beside the text, so `base` is made with it off.
struct TextLoggedDatabase: SQLDatabase {
    let base: any SQLDatabase

    init(base: any SQLDatabase) {
        precondition(base.queryLogLevel == nil, "the driver's own log would list the values")
        self.base = base
    }

    var logger: Logger { base.logger }
    var eventLoop: any EventLoop { base.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { base.version }
    var dialect: any SQLDialect { base.dialect }
    var queryLogLevel: Logger.Level? { .trace }

    func execute(
        sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void
    ) -> EventLoopFuture<Void> {
        log(serialize(query).sql)
        return base.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        log(serialize(query).sql)
        try await base.execute(sql: query, onRow)
    }

    /// Logs a statement's text, made only when the log takes it; a prepared statement with its
    /// name.
    func log(_ sql: @autoclosure () -> String, prepared name: String? = nil) {
        guard logger.logLevel <= .trace else { return }
        var metadata: Logger.Metadata = ["sql": .string(sql())]
        if let name { metadata["prepared"] = .string(name) }
        logger.trace("Executing query", metadata: metadata)
    }
}
