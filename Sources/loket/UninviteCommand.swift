import ArgumentParser
import Foundation
import LoketApp
import LoketDomain
import LoketStorage

/// `loket uninvite ID`: takes an invitation back from the command line, whoever made it (the
/// case system, a desk, or `loket invite`): the operator's word, as `DELETE /api/v1/invitations/{id}`
/// is the case system's for its own.
struct UninviteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uninvite",
        abstract: "Withdraw an invitation: its person can no longer book with it and leaves the waitlist.")

    @Argument(help: "The invitation's id, as `loket invite` printed it.") var id: String
    @OptionGroup var common: DatabaseOptions

    func run() async throws {
        let logger = try common.makeLogger()
        let network = try common.loadNetwork()
        try await Database.using(common.resolvedDatabase, logger: logger) { database in
            try await database.migrate()
            try await Loket(options: ServerOptions(network: network), database: database, logger: logger)
                .invitations.withdrawInvitation(id: id, caseSystem: nil)
        }
        print("Invitation \(id) withdrawn.")
    }
}
