import ArgumentParser
import Foundation
import LoketApp
import LoketDomain
import LoketStorage

/// Measures the history now, on demand; `loket serve` does the same every hour.
struct MeasureCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "measure",
        abstract: "Store today's waits, free capacity and counts per desk and product in the history.",
        discussion: """
            Stores, per desk and product, the working days to the first and third free slot, free places \
            in the next 4 and 8 weeks, people on the waitlist, the urgent reserve still held and this \
            week's card collection wait, with what happened today and yesterday: appointments made, \
            cancelled and moved, visits served and missed, waitlist joins and offers, draw entries and \
            places, urgent reserve used and released. Measuring a day again replaces its values. \
            Prints how many values, never personal data.
            """)

    @OptionGroup var common: DatabaseOptions

    func run() async throws {
        let network = try common.loadNetwork()
        let logger = try common.makeLogger()
        let database = try await Database.open(common.resolvedDatabase, logger: logger)
        let measured: [MeasuredValue]
        do {
            try await database.migrate()
            let loket = Loket(options: ServerOptions(network: network), database: database, logger: logger)
            try await loket.deskDay.reloadDeskChanges()
            measured = try await loket.forecasts.measure()
        } catch {
            await database.close()
            throw error
        }
        await database.close()
        let days = Set(measured.map(\.date)).sorted()
        print(
            "Measured \(measured.count) values for \(days.map(\.iso).joined(separator: " and ")) "
                + "(\(Set(measured.map(\.desk)).count) desks)."
        )
    }
}
