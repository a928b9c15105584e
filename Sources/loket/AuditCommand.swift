import ArgumentParser
import Foundation
import LoketApp
import LoketDomain
import LoketStorage

/// Prints the audit log: which member of staff did what, to what, and when.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Print the audit log of staff actions, oldest first.",
        discussion: """
            One line per action: time (Amsterdam), username (or "cli" for the command line), action, \
            what it was done to (an appointment, account or desk change id), desk and details. \
            Actions: \(AuditAction.allCases.map(\.rawValue).joined(separator: ", ")).
            """)

    @Option(help: ArgumentHelp("The first day to print, YYYY-MM-DD; default a week ago.", valueName: "date"))
    var since: String?

    @OptionGroup var common: DatabaseOptions

    func run() async throws {
        let network = try common.loadNetwork()
        let timeZone = DeskTime.amsterdam
        let from: LocalDate
        if let since {
            guard let date = LocalDate(iso: since) else { throw ValidationError("--since: a date, YYYY-MM-DD") }
            from = date
        } else {
            from = DeskTime(Date(), timeZone: timeZone).date.adding(days: -7)
        }
        let logger = try common.makeLogger()
        let database = try await Database.open(common.resolvedDatabase, logger: logger)
        let entries: [(entry: AuditEntry, username: String?)]
        do {
            try await database.migrate()
            let loket = Loket(options: ServerOptions(network: network), database: database, logger: logger)
            entries = try await loket.staff.auditEntries(
                since: DeskTime(date: from, time: LocalTime(minutes: 0)).instant(in: timeZone))
        } catch {
            await database.close()
            throw error
        }
        await database.close()
        let format = DateFormatter()
        format.locale = Locale(identifier: "en_US_POSIX")
        format.timeZone = timeZone
        format.dateFormat = "yyyy-MM-dd HH:mm:ss"
        for (entry, username) in entries {
            let who = username ?? entry.staff ?? "cli"
            let fields = [
                format.string(from: entry.at), who, entry.action.rawValue, entry.target ?? "-", entry.desk ?? "-",
                entry.detail ?? "",
            ]
            print(fields.joined(separator: "  ").trimmingCharacters(in: .whitespaces))
        }
    }
}
