import ArgumentParser
import Foundation
import LoketApp
import LoketStorage

/// Erases what Loket no longer needs, on demand; `loket serve` does the same once a day.
struct PurgeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "purge",
        abstract: "Erase personal data past its retention, ended holds and old sent messages.",
        discussion: """
            Erases the names, email addresses, phone numbers and V-numbers of appointments that took place \
            or were cancelled --retention-days ago (the appointments stay, for planning statistics), those of \
            ended waitlist entries, one-live-booking claims of past days, holds that ended a day ago and \
            messages sent or skipped 30 days ago. The audit log stays. `loket serve` runs this once a day. \
            Prints how many of each kind, never what was in them.
            """)

    @Flag(help: "Count what would go; change nothing.")
    var dryRun = false

    @Option(
        help: ArgumentHelp(
            "Days personal data is kept after an appointment took place or was cancelled; default retention.personalDataDays in the desk network file (90).",
            valueName: "days"))
    var retentionDays: Int?

    @OptionGroup var common: DatabaseOptions

    func run() async throws {
        if let retentionDays, retentionDays < 1 { throw ValidationError("--retention-days: at least 1") }
        let network = try common.loadNetwork()
        let logger = try common.makeLogger()
        let database = try await Database.open(common.resolvedDatabase, logger: logger)
        let report: PurgeReport
        do {
            try await database.migrate()
            let loket = Loket(options: ServerOptions(network: network), database: database, logger: logger)
            report = try await loket.operations.purge(dryRun: dryRun, retentionDays: retentionDays)
        } catch {
            await database.close()
            throw error
        }
        await database.close()
        let days = retentionDays ?? network.dataRetention.days
        print(dryRun ? "Would purge (dry run; nothing changed):" : "Purged:")
        for (count, what) in [
            (report.appointments, "appointments: personal data erased (took place or cancelled \(days)+ days ago)"),
            (report.waitlistEntries, "ended waitlist entries: personal data erased"),
            (report.drawEntries, "decided draw entries: personal data erased"),
            (report.drawPeople, "decided draw entries' one-entry-per-person claims: deleted"),
            (
                report.documents,
                "documents handed over, delivered or returned \(days)+ days ago: holder's details erased"
            ),
            (report.deliveries, "their delivery addresses: erased"),
            (report.invitations, "invitations withdrawn or past their last day: personal data erased"),
            (report.birthDateMisses, "counts of wrong dates of birth of past days: deleted"),
            (report.awaitingPeople, "third parties' bookings that waited for their person a day ago: deleted"),
            (report.biometricCaptures, "biometric captures older than the biometrics policy keeps them: deleted"),
            (report.liveBookings, "live-booking claims of past days: deleted"),
            (report.holds, "holds ended a day ago or more: deleted"),
            (report.messages, "messages sent or skipped 30+ days ago: deleted"),
        ] {
            print("  \(String(count).leftPadded(to: 7))  \(what)")
        }
    }
}

extension String {
    /// Right-aligned in `width` columns.
    func leftPadded(to width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
