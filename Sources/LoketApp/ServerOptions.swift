import Foundation
import LoketConfig
import LoketDomain
import LoketNotifications
import LoketStorage

/// Everything `loket serve` needs to know, with the defaults a fresh machine gets.
public struct ServerOptions: Sendable {
    public var hostname = "127.0.0.1"
    public var port = 8080
    public var network: DeskNetwork
    /// Overrides the network file's hold time.
    public var holdMinutes: Int?
    /// How often expired holds are swept; a hold's capacity is back at most this long after it lapses.
    public var sweepInterval: Duration = .seconds(1)
    /// How often the purge looks whether a new day began; it purges once a day.
    public var purgeCheckInterval: Duration = .seconds(600)
    /// How often draws are run: modes switched by the rule, draws opened and allocated. A draw is
    /// allocated at most this long after its window closes.
    public var drawInterval: Duration = .seconds(30)
    /// How often documents are moved on by the clock: ready on their day, manifests fixed at
    /// the cutoff, returned when unclaimed.
    public var documentInterval: Duration = .seconds(60)
    /// How often the history is measured (today's values are replaced until the day is over).
    public var measureInterval: Duration = .seconds(3600)
    /// The clock; tests pass a fixed or manual one.
    public var now: @Sendable () -> Date = { Date() }
    /// The rules for reusing biometrics (`biometrics-policy.yaml`).
    public var biometricsPolicy: BiometricsPolicy
    /// Customer email: where it goes and from whom; nil sends none.
    public var mail: MailOptions?
    /// The address customers reach Loket at, for links in messages.
    public var publicURL = "http://127.0.0.1:8080"
    /// How long a waitlist offer is kept for the person it is offered to.
    public var offerDuration: TimeInterval = 2 * 3600
    /// Addresses or CIDR networks of one's own proxies, whose `X-Forwarded-For` is believed.
    public var trustedProxies: [String] = []
    /// The keys that sign manage links in email; `loket serve` reads them from a file or the
    /// environment, tests get a random one.
    public var manageLinkKeys = try! ManageLinkKeys([ManageLinkKeys.randomSecret()])
    /// Where passwords are hashed and checked: threads of their own, a bounded queue.
    public var passwordHasher = PasswordHasher.shared

    public init(network: DeskNetwork, biometricsPolicy: BiometricsPolicy? = nil) {
        self.network = network
        // The shipped policy is part of the build; failing to read it is a broken build.
        self.biometricsPolicy = biometricsPolicy ?? (try! BiometricsPolicyFile.loadBundled())
    }
}

/// How customer email is sent.
public struct MailOptions: Sendable {
    public var transport: any MailTransport
    public var from: String
    /// How long before the appointment the reminder goes; nil for none.
    public var reminderLead: TimeInterval?

    public init(transport: any MailTransport, from: String, reminderLead: TimeInterval?) {
        self.transport = transport
        self.from = from
        self.reminderLead = reminderLead
    }
}
