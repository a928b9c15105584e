import Foundation
import LoketDomain
import LoketStorage

/// Keeping less personal data (issue #10): the purge `Purger` runs daily and `loket purge` on demand.
extension Operations {
    /// Erases what the retention says Loket no longer needs and returns how much, per kind;
    /// `dryRun` only counts. `retentionDays` overrides the desk network file's, for this run.
    public func purge(dryRun: Bool = false, retentionDays: Int? = nil) async throws -> PurgeReport {
        let retention = retentionDays.map { Retention(personalDataDays: $0) } ?? network.dataRetention
        let now = now()
        var cutoffs = retention.cutoffs(now: now, timeZone: rules.timeZone)
        cutoffs.capturesBefore = biometricsPolicy.recordKeptSince(today: cutoffs.today)
        let report = try await purgeStore.purge(cutoffs, now: now, dryRun: dryRun)
        if !dryRun {
            logger.info(
                "purged personal data",
                metadata: [
                    "appointments": "\(report.appointments)", "waitlistEntries": "\(report.waitlistEntries)",
                    "liveBookings": "\(report.liveBookings)", "holds": "\(report.holds)",
                    "messages": "\(report.messages)", "drawEntries": "\(report.drawEntries)",
                    "documents": "\(report.documents)", "invitations": "\(report.invitations)",
                    "biometricCaptures": "\(report.biometricCaptures)",
                ])
        }
        return report
    }
}
