import ArgumentParser
import Foundation
import LoketApp
import LoketStorage

struct PartnerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partner",
        abstract: "Register a partner organisation that books for the people it supports.",
        discussion:
            "Prints the API key once; Loket keeps only its digest. Example: loket partner --name COA --quota DH=40 --quota AM=20"
    )

    @Option(help: "The organisation's name, e.g. COA.") var name: String
    @Option(help: ArgumentHelp("A weekly quota at a desk, DESK=N; repeat for more desks.", valueName: "desk=n"))
    var quota: [String] = []
    @Option(
        help: ArgumentHelp(
            "Where to POST events about this partner's bookings (signed with HMAC-SHA256).", valueName: "url"))
    var webhookURL: String?
    @OptionGroup var common: DatabaseOptions

    func run() async throws {
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ValidationError("--name must not be empty")
        }
        let network = try common.loadNetwork()
        var quotas: [String: Int] = [:]
        for item in quota {
            let parts = item.split(separator: "=")
            guard parts.count == 2, let weekly = Int(parts[1]), weekly >= 0 else {
                throw ValidationError("--quota \(item): write DESK=N")
            }
            guard network.desk(String(parts[0])) != nil else {
                throw ValidationError("--quota \(item): there is no desk \(parts[0])")
            }
            quotas[String(parts[0])] = weekly
        }
        guard !quotas.isEmpty else { throw ValidationError("give at least one --quota DESK=N") }
        if let webhookURL {
            guard let url = URL(string: webhookURL), ["http", "https"].contains(url.scheme ?? ""), url.host != nil
            else {
                throw ValidationError("--webhook-url: an http(s) URL")
            }
        }
        let logger = try common.makeLogger()
        let database = try await Database.open(common.resolvedDatabase, logger: logger)
        try await database.migrate()
        let loket = Loket(options: ServerOptions(network: try common.loadNetwork()), database: database, logger: logger)
        let (partner, key, secret) = try await loket.partners.add(name: name, quotas: quotas, webhookURL: webhookURL)
        await database.close()
        print("Partner \(partner.name) (\(partner.id)) registered. API key, shown only now:")
        print(key)
        if let secret {
            print("Webhook signing secret, shown only now (verify X-Loket-Signature with it):")
            print(secret)
        }
    }
}
