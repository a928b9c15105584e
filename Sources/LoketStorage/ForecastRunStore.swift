import Foundation
import LoketDomain
import SQLKit

/// The forecast page's runs: stored when started, claimed by one server at a time under a
/// lease (a crashed server's run is taken over when its lease ends), and kept with their result.
public struct ForecastRunStore: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    /// Stores a new run, queued for a server to pick up.
    public func add(
        name: String, kind: ForecastRun.Kind, createdBy: String, changes: String, scenario: String, replications: Int,
        seed: UInt64, target: String? = nil, now: Date
    ) async throws -> ForecastRun {
        let run = ForecastRun(
            id: Identifiers.make(), name: name, kind: kind, createdAt: now, createdBy: createdBy, changes: changes,
            scenario: scenario, replications: replications, seed: seed, target: target)
        try await database.session { db in
            try await db.raw(
                """
                INSERT INTO forecast_runs (id, name, kind, created_at, created_by, changes, scenario, replications, seed,
                    target, state, progress)
                VALUES (\(bind: run.id), \(bind: run.name), \(bind: run.kind.rawValue), \(bind: run.createdAt.millis),
                    \(bind: run.createdBy), \(bind: run.changes), \(bind: run.scenario), \(bind: run.replications),
                    \(bind: String(run.seed)), \(bind: run.target), \(bind: run.state.rawValue), 0)
                """
            ).run()
        }
        return run
    }

    /// The newest runs first, without their scenario and result (a list).
    public func runs(limit: Int = 50) async throws -> [ForecastRun] {
        try await database.session { db in
            try await db.raw(
                """
                SELECT id, name, kind, created_at, created_by, changes, '' AS scenario, replications, seed, target, state,
                    progress, finished_at, NULL AS result, answer, error
                FROM forecast_runs ORDER BY created_at DESC, id LIMIT \(unsafeRaw: String(limit))
                """
            ).all().map { try RunRow(decoding: $0).run }
        }
    }

    /// Finished baselines that started on or before `startedBy`, newest first, with their result.
    public func baselines(startedBy: Date, limit: Int = 20) async throws -> [ForecastRun] {
        try await database.session { db in
            try await db.raw(
                """
                SELECT * FROM forecast_runs
                WHERE kind = 'forecast' AND changes = '{}' AND state = 'done' AND created_at <= \(bind: startedBy.millis)
                ORDER BY created_at DESC, id LIMIT \(unsafeRaw: String(limit))
                """
            ).all().map { try RunRow(decoding: $0).run }
        }
    }

    public func run(id: String) async throws -> ForecastRun? {
        try await database.session { db in
            try await db.raw("SELECT * FROM forecast_runs WHERE id = \(bind: id)").first()
                .map { try RunRow(decoding: $0).run }
        }
    }

    /// Claims the oldest queued run, or a running one whose server stopped renewing its lease.
    public func claim(now: Date, lease: TimeInterval) async throws -> ForecastRun? {
        try await database.transaction { db in
            guard
                let id = try await db.raw(
                    """
                    SELECT id FROM forecast_runs
                    WHERE state = 'queued' OR (state = 'running' AND claimed_until < \(bind: now.millis))
                    ORDER BY created_at, id LIMIT 1
                    """
                ).first()?.decode(column: "id", as: String.self)
            else { return nil }
            return try await db.raw(
                """
                UPDATE forecast_runs SET state = 'running', progress = 0,
                    claimed_until = \(bind: now.addingTimeInterval(lease).millis)
                WHERE id = \(bind: id) AND (state = 'queued' OR (state = 'running' AND claimed_until < \(bind: now.millis)))
                RETURNING *
                """
            ).first().map { try RunRow(decoding: $0).run }
        }
    }

    /// Records progress and renews the lease.
    public func progress(id: String, done: Int, now: Date, lease: TimeInterval) async throws {
        try await database.session { db in
            try await db.raw(
                """
                UPDATE forecast_runs SET progress = \(bind: done), claimed_until = \(bind: now.addingTimeInterval(lease).millis)
                WHERE id = \(bind: id) AND state = 'running'
                """
            ).run()
        }
    }

    /// Records the outcome: `result`, its `answer` in brief and all the work done, or the `error`.
    public func finish(
        id: String, result: String?, answer: String?, error: String?, progress: Int, now: Date
    ) async throws {
        try await database.session { db in
            try await db.raw(
                """
                UPDATE forecast_runs SET state = \(bind: error == nil ? "done" : "failed"), result = \(bind: result),
                    answer = \(bind: answer), progress = \(bind: progress), error = \(bind: error),
                    finished_at = \(bind: now.millis), claimed_until = NULL
                WHERE id = \(bind: id) AND state = 'running'
                """
            ).run()
        }
    }

    /// Puts a run a stopping server had claimed back in the queue, for another to run.
    public func requeue(id: String) async throws {
        try await database.session { db in
            try await db.raw(
                "UPDATE forecast_runs SET state = 'queued', progress = 0, claimed_until = NULL WHERE id = \(bind: id) AND state = 'running'"
            ).run()
        }
    }

    /// Runs of `staff` still queued or running.
    public func unfinished(by staff: String) async throws -> Int {
        try await database.session { db in
            try await db.raw(
                """
                SELECT COUNT(*) AS n FROM forecast_runs
                WHERE created_by = \(bind: staff) AND state IN ('queued', 'running')
                """
            ).first()!.decode(column: "n", as: Int.self)
        }
    }

    private struct RunRow {
        let run: ForecastRun

        init(decoding row: any SQLRow) throws {
            func text(_ column: String) throws -> String { try row.decode(column: column, as: String.self) }
            func optional(_ column: String) throws -> String? { try row.decode(column: column, as: String?.self) }
            run = ForecastRun(
                id: try text("id"), name: try text("name"),
                kind: ForecastRun.Kind(rawValue: try text("kind")) ?? .forecast,
                createdAt: Date(millis: try row.decode(column: "created_at", as: Int.self)),
                createdBy: try text("created_by"), changes: try text("changes"), scenario: try text("scenario"),
                replications: try row.decode(column: "replications", as: Int.self),
                seed: UInt64(try text("seed")) ?? 0, target: try optional("target"),
                state: ForecastRun.State(rawValue: try text("state")) ?? .failed,
                progress: try row.decode(column: "progress", as: Int.self),
                finishedAt: try row.decode(column: "finished_at", as: Int?.self).map(Date.init(millis:)),
                result: try optional("result"), answer: try optional("answer"), error: try optional("error"))
        }
    }
}
