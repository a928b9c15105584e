import ArgumentParser
import Foundation
import LoketStorage

struct PartnerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partner",
        abstract: "Register a partner organisation that books for the people it supports.",
        discussion: "Prints the API key once; Loket keeps only its digest. Example: loket partner --name COA --quota DH=40 --quota AM=20")

    @Option(help: "The organisation's name, e.g. COA.") var name: String
    @Option(help: ArgumentHelp("A weekly quota at a desk, DESK=N; repeat for more desks.", valueName: "desk=n")) var quota: [String] = []
    @OptionGroup var common: DatabaseOptions

    func run() async throws {
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--name must not be empty") }
        let network = try common.loadNetwork()
        var quotas: [String: Int] = [:]
        for item in quota {
            let parts = item.split(separator: "=")
            guard parts.count == 2, let weekly = Int(parts[1]), weekly >= 0 else { throw ValidationError("--quota \(item): write DESK=N") }
            guard network.desk(String(parts[0])) != nil else { throw ValidationError("--quota \(item): there is no desk \(parts[0])") }
            quotas[String(parts[0])] = weekly
        }
        guard !quotas.isEmpty else { throw ValidationError("give at least one --quota DESK=N") }
        let logger = try common.makeLogger()
        let database = try await Database.open(common.resolvedDatabase, logger: logger)
        try await database.migrate()
        let (partner, key) = try await BookingStore(database: database, logger: logger).addPartner(name: name, quotas: quotas, now: Date())
        await database.close()
        print("Partner \(partner.name) (\(partner.id)) registered. API key, shown only now:")
        print(key)
    }
}
