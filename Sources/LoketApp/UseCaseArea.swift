import Foundation
import Logging
import LoketDomain
import LoketStorage

/// An area of use cases (draws, documents, the desk's day, …) and what its use cases reach
/// through the shared `UseCaseContext`, by the short names they use.
protocol UseCaseArea: Sendable {
    var context: UseCaseContext { get }
}

extension UseCaseArea {
    /// The injected clock.
    var now: @Sendable () -> Date { context.now }
    var live: LiveRules { context.live }
    var rules: BookingRules { context.rules }
    var network: DeskNetwork { context.network }
    var today: LocalDate { context.today }
    var database: Database { context.database }
    var metrics: LoketMetrics { context.metrics }
    var logger: Logger { context.logger }

    /// Records a staff action right after it, for a use case that has no transaction to write it in.
    func audit(
        _ action: AuditAction, by staff: String?, target: String?, desk: String?, detail: String? = nil
    ) async throws {
        try await context.auditLog.append(
            AuditEntry(at: now(), staff: staff, action: action, target: target, desk: desk, detail: detail))
    }
}
