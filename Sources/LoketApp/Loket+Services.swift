import Foundation
import Logging
import LoketNotifications
import LoketStorage
import ServiceLifecycle

extension Loket {
    /// What runs beside the HTTP server: the hold sweeper, the waitlist matcher, the daily
    /// purge, the draws and the documents' clock; on PostgreSQL the listener that hears of capacity changes made by other servers;
    /// the webhook and mail dispatchers that empty the outbox; and closing the database once
    /// all of them have stopped.
    public func backgroundServices(options: ServerOptions) -> [any Service] {
        var services: [any Service] = [
            // First, so that it stops last: a service group stops its services in reverse order,
            // and every service below may still be reading the database until it has stopped.
            DatabaseCloser(database: database),
            HoldSweeper(loket: self, interval: options.sweepInterval, logger: logger),
            WaitlistMatcherService(loket: self, interval: options.sweepInterval, logger: logger),
            Purger(loket: self, interval: options.purgeCheckInterval, logger: logger),
            // Draw modes switched by the rule, draws opened and allocated.
            PeriodicService(name: "running draws", interval: options.drawInterval, logger: logger) {
                try await runDraws()
            },
            // Documents ready on their day, manifests fixed at the cutoff, unclaimed ones returned.
            PeriodicService(name: "moving documents on", interval: options.documentInterval, logger: logger) {
                try await runDocuments()
            },
            // The measured history: today's levels and counts, yesterday's counts completed.
            PeriodicService(name: "measuring the history", interval: options.measureInterval, logger: logger) {
                try await measure()
            },
            // Forecasts started on the forecast page, one at a time per server.
            PeriodicService(name: "running forecasts", interval: .seconds(2), logger: logger) {
                try await runQueuedForecasts()
            },
        ]
        if database.engine == .postgres {
            services.append(CapacityListener(database: database, generations: generations, logger: logger))
        }
        services.append(WebhookDispatcher(outbox: outboxStore, now: options.now, logger: logger))
        if let mail = options.mail {
            let counter = metrics.mailsSent
            services.append(
                MailDispatcher(
                    outbox: outboxStore, appointments: appointmentStore, documents: documentStore,
                    invitations: invitationStore, network: options.network,
                    transport: mail.transport, from: mail.from,
                    publicURL: options.publicURL, now: options.now, logger: logger, sent: { counter.increment() }))
        }
        return services
    }
}

/// Closes the database after the server has stopped taking requests.
struct DatabaseCloser: Service {
    let database: Database

    func run() async throws {
        try? await gracefulShutdown()
        await database.close()
    }
}
