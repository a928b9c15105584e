import ArgumentParser
import Foundation
import LoketApp
import LoketDomain
import LoketStorage

/// `loket case-system --name NAME`: an API key for the service's back office.
struct CaseSystemCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case-system",
        abstract: "Register a case system (the back office) that tells Loket about documents and biometric captures.",
        discussion:
            "Prints the API key once; Loket keeps only its digest. It is sent as Authorization: Bearer <key>. Example: loket case-system --name INDiGO"
    )

    @Option(help: "The system's name, e.g. INDiGO.") var name: String
    @OptionGroup var common: DatabaseOptions

    func run() async throws { try await registerServiceClient(name: name, kind: .caseSystem, common: common) }
}

/// `loket courier --name NAME`: an API key for the courier that delivers documents.
struct CourierCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "courier",
        abstract: "Register a courier that fetches the day's deliveries and reports each result.",
        discussion:
            "Prints the API key once; Loket keeps only its digest. It is sent as Authorization: Bearer <key>. Example: loket courier --name IPKD"
    )

    @Option(help: "The courier's name, e.g. IPKD.") var name: String
    @OptionGroup var common: DatabaseOptions

    func run() async throws { try await registerServiceClient(name: name, kind: .courier, common: common) }
}

/// Registers the client and prints its key, the one time it is shown.
private func registerServiceClient(name: String, kind: ServiceClient.Kind, common: DatabaseOptions) async throws {
    let name = name.trimmingCharacters(in: .whitespaces)
    guard !name.isEmpty, name.count <= 200 else { throw ValidationError("--name: 1 to 200 characters") }
    let logger = try common.makeLogger()
    let database = try await Database.open(common.resolvedDatabase, logger: logger)
    try await database.migrate()
    let loket = Loket(options: ServerOptions(network: try common.loadNetwork()), database: database, logger: logger)
    let (client, key) = try await loket.staff.addServiceClient(name: name, kind: kind)
    await database.close()
    print(
        "\(kind == .caseSystem ? "Case system" : "Courier") \(client.name) (\(client.id)) registered. API key, shown only now:"
    )
    print(key)
}
