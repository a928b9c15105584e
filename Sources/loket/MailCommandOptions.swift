import ArgumentParser
import Foundation
import LoketApp
import LoketNotifications

/// Where customer email goes: an SMTP server, a folder (development), or nowhere (the default).
struct MailCommandOptions: ParsableArguments {
    @Option(help: "SMTP server to send customer email through. Env: LOKET_SMTP_HOST.") var smtpHost: String?
    @Option(help: "SMTP port (default 587). Env: LOKET_SMTP_PORT.") var smtpPort: Int?
    @Option(help: "SMTP user name, for AUTH PLAIN after STARTTLS. Env: LOKET_SMTP_USERNAME.") var smtpUsername: String?
    @Flag(help: "Refuse to send unless the server offers STARTTLS. Env: LOKET_SMTP_REQUIRE_TLS=1.") var smtpRequireTLS =
        false
    @Flag(
        help:
            "Send the SMTP user name and password even without STARTTLS (a server on a trusted network only). Env: LOKET_SMTP_ALLOW_PLAIN=1."
    )
    var smtpAllowPlain = false
    @Option(
        help: ArgumentHelp(
            "Extra CA certificates (PEM) to trust for STARTTLS. Env: LOKET_SMTP_CA_FILE.", valueName: "file"))
    var smtpCAFile: String?
    @Option(
        help: ArgumentHelp(
            "Development: write messages as .eml files here instead of sending. Env: LOKET_MAIL_FOLDER.",
            valueName: "dir"))
    var mailFolder: String?
    @Option(help: "Sender address of customer email. Env: LOKET_MAIL_FROM.") var mailFrom: String?
    @Option(
        help: "Days before the appointment the reminder goes out; 0 for none (default 2). Env: LOKET_REMINDER_DAYS.")
    var reminderDays: Int?

    /// The SMTP password is read from LOKET_SMTP_PASSWORD only, so it is never in a process list.
    func resolve() throws -> MailOptions? {
        let from = mailFrom ?? environment("LOKET_MAIL_FROM") ?? "afspraken@loket.localhost"
        let days =
            try reminderDays ?? environment("LOKET_REMINDER_DAYS").map { text in
                guard let value = Int(text) else { throw ValidationError("LOKET_REMINDER_DAYS: not a number") }
                return value
            } ?? 2
        guard days >= 0 else { throw ValidationError("--reminder-days must not be negative") }
        let lead: TimeInterval? = days == 0 ? nil : TimeInterval(days * 86_400)
        if let folder = mailFolder ?? environment("LOKET_MAIL_FOLDER") {
            return MailOptions(
                transport: MailFolder(folder: URL(fileURLWithPath: folder)), from: from, reminderLead: lead)
        }
        guard let host = smtpHost ?? environment("LOKET_SMTP_HOST") else { return nil }
        let port =
            try smtpPort ?? environment("LOKET_SMTP_PORT").map { text in
                guard let value = Int(text) else { throw ValidationError("LOKET_SMTP_PORT: not a number") }
                return value
            } ?? 587
        let settings = SMTPClient.Settings(
            host: host, port: port, username: smtpUsername ?? environment("LOKET_SMTP_USERNAME"),
            password: environment("LOKET_SMTP_PASSWORD"),
            requireTLS: smtpRequireTLS || environment("LOKET_SMTP_REQUIRE_TLS") == "1",
            allowPlainAuth: smtpAllowPlain || environment("LOKET_SMTP_ALLOW_PLAIN") == "1",
            trustRootsFile: smtpCAFile ?? environment("LOKET_SMTP_CA_FILE"))
        return MailOptions(transport: SMTPClient(settings: settings), from: from, reminderLead: lead)
    }
}
