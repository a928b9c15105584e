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
            // Expired holds and offers given back, and other servers' desk changes taken in.
            PeriodicService(name: "sweeping expired holds", interval: options.sweepInterval, logger: logger) {
                try await self.operations.sweep()
            },
            // Secrets and counters that must not linger, and waitlist places whose invitation ended.
            PeriodicService(name: "forgetting what is stale", interval: .seconds(3600), logger: logger) {
                try await self.operations.forgetStale()
            },
            // Freed slots offered to the waitlist: at once when a request frees one, and every
            // interval for those freed on other servers or left by a failed run.
            PeriodicService(
                name: "offering freed slots", interval: options.sweepInterval, wakeUp: matcherWakeUp, logger: logger
            ) {
                try await self.waitlist.matchFreedSlots()
            },
            // Personal data past its retention, once a day.
            PeriodicService(name: "purge", interval: options.purgeCheckInterval, logger: logger) {
                [purger = Purger(loket: self)] in try await purger.run()
            },
            // Draw modes switched by the rule, draws opened and allocated.
            PeriodicService(name: "running draws", interval: options.drawInterval, logger: logger) {
                try await self.draws.run()
            },
            // Documents ready on their day, manifests fixed at the cutoff, unclaimed ones returned.
            PeriodicService(name: "moving documents on", interval: options.documentInterval, logger: logger) {
                try await self.documents.runDocuments()
            },
            // The measured history: today's levels and counts, yesterday's counts completed.
            PeriodicService(name: "measuring the history", interval: options.measureInterval, logger: logger) {
                try await self.forecasts.measure()
            },
            // Forecasts started on the forecast page, one at a time per server.
            PeriodicService(name: "running forecasts", interval: .seconds(2), logger: logger) {
                try await self.forecasts.runQueuedForecasts()
            },
        ]
        if database.engine == .postgres {
            services.append(CapacityListener(database: database, generations: generations, logger: logger))
        }
        // The outbox's senders, cancelled as the server starts to stop: a message cut off
        // mid-send is sent again by the next server (the outbox sends at least once).
        let webhooks = WebhookDispatcher(outbox: outboxStore, now: options.now, logger: logger)
        services.append(
            PeriodicService(name: "webhook dispatch", interval: .seconds(1), logger: logger) {
                _ = try await webhooks.deliverDue()
            })
        if let mail = options.mail {
            let counter = metrics.mailsSent
            let mail = MailDispatcher(
                outbox: outboxStore, appointments: appointmentStore, documents: documentStore,
                invitations: invitationStore, network: options.network,
                transport: mail.transport, from: mail.from,
                publicURL: options.publicURL, now: options.now, logger: logger, sent: { counter.increment() })
            services.append(
                PeriodicService(name: "mail dispatch", interval: .milliseconds(250), logger: logger) {
                    _ = try await mail.deliverDue()
                })
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
