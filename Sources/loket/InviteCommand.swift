import ArgumentParser
import Foundation
import LoketApp
import LoketDomain
import LoketNotifications
import LoketStorage

/// `loket invite`: invites one person to book, as the case system does through the API: for a
/// demonstration, a test, or a person the back office handles by hand.
struct InviteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invite",
        abstract: "Invite a person to book a product that requires an invitation.",
        discussion: """
            The invitation's email is queued in the database; a `loket serve` with mail settings sends it. \
            Prints the invitation's id and the link from its email (it needs the server's manage-link key: \
            give the same --manage-link-key-file or LOKET_MANAGE_LINK_KEY as the server). Example: \
            loket invite --product BIO --v-number 1234567890 --date-of-birth 1990-04-01 --email ana@example.nl --language nl
            """)

    @Option(help: "The product key, e.g. BIO.") var product: String
    @Option(name: .customLong("v-number"), help: "The person's V-number (10 digits).") var vNumber: String
    @Option(name: .customLong("date-of-birth"), help: "YYYY-MM-DD; asked again when the person books.")
    var dateOfBirth: String
    @Option(help: "Where the invitation goes.") var email: String
    @Option(help: "nl, en, uk or ar.") var language = "en"
    @Option(
        name: .customLong("valid-until"), help: "The last day it may be used (default: today plus the booking horizon)."
    )
    var validUntil: String?
    @Option(help: "Where customers reach Loket, for the printed link.") var publicURL = "http://127.0.0.1:8080"
    @OptionGroup var server: ServerCommandOptions
    @OptionGroup var common: DatabaseOptions

    func run() async throws {
        let logger = try common.makeLogger()
        var options = ServerOptions(network: try common.loadNetwork())
        options.manageLinkKeys = try server.manageLinkKeys(database: common.resolvedDatabase, logger: logger)
        let database = try await Database.open(common.resolvedDatabase, logger: logger)
        try await database.migrate()
        let loket = Loket(options: options, database: database, logger: logger)
        do {
            let made = try await loket.invitations.invite(
                [
                    .init(
                        product: product, vNumber: vNumber, dateOfBirth: dateOfBirth, email: email, language: language,
                        validUntil: validUntil)
                ], caseSystem: "cli")[0]
            await database.close()
            print("Invitation \(made.id) for \(made.product), valid until \(made.validUntil.iso).")
            print(
                MailLink.invitation.url(
                    publicURL, made.id, token: loket.invitations.invitationLinkToken(id: made.id)))
        } catch let error as Refusal {
            await database.close()
            throw ValidationError("--\(Self.option(error.field)): \(error.message)")
        }
    }

    /// The command-line option for a field of the API.
    static func option(_ field: String) -> String {
        ["vNumber": "v-number", "dateOfBirth": "date-of-birth", "validUntil": "valid-until"][field] ?? field
    }
}
