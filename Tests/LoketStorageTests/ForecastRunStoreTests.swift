import Foundation
import LoketDomain
import LoketStorage
import LoketTestSupport
import Testing

/// The forecast page's runs (`ForecastRunStore`), on a real SQLite file and a real PostgreSQL
/// server: what a run stores and reads back, the lists, and that a run is claimed by one server
/// at a time under a lease and finished or requeued only while it runs.
@Suite(.timeLimit(.minutes(3))) struct ForecastRunStoreTests {
    /// Runs `body` with the forecast run store on a new database.
    func withRuns(_ engine: TestDatabase.Engine, _ body: (ForecastRunStore) async throws -> Void) async throws {
        try await withStores(engine) { store in try await body(ForecastRunStore(database: store.database)) }
    }

    /// Adds a run named `name` at `now`: a baseline unless `changes` or `kind` say otherwise.
    func add(
        _ runs: ForecastRunStore, _ name: String, kind: ForecastRun.Kind = .forecast, changes: String = "{}",
        by staff: String = "staff-1", now: Date
    ) async throws -> String {
        try await runs.add(
            name: name, kind: kind, createdBy: staff, changes: changes, scenario: "desks: []", replications: 10,
            seed: 42, now: now
        ).id
    }

    /// A run is stored queued and read back with every field; an unknown one is nil.
    @Test(arguments: TestDatabase.engines)
    func aRunIsReadBackWithEveryField(engine: TestDatabase.Engine) async throws {
        try await withRuns(engine) { runs in
            let now = ManualClock(date: "2022-06-01").now
            let added = try await runs.add(
                name: "Extra counter", kind: .advice, createdBy: "staff-1", changes: #"{"counters":1}"#,
                scenario: "desks: []", replications: 20, seed: UInt64.max, target: #"{"weeks":8}"#, now: now)
            let expected = ForecastRun(
                id: added.id, name: "Extra counter", kind: .advice, createdAt: now, createdBy: "staff-1",
                changes: #"{"counters":1}"#, scenario: "desks: []", replications: 20, seed: UInt64.max,
                target: #"{"weeks":8}"#, state: .queued, progress: 0)
            #expect(added == expected)
            #expect(try await runs.run(id: added.id) == expected)
            #expect(try await runs.run(id: "none") == nil)
        }
    }

    /// The list has the newest runs first, at most `limit`, without scenario or result.
    @Test(arguments: TestDatabase.engines)
    func runsAreListedNewestFirstWithoutScenarioOrResult(engine: TestDatabase.Engine) async throws {
        try await withRuns(engine) { runs in
            let clock = ManualClock(date: "2022-06-01")
            var ids: [String] = []
            for name in ["first", "second", "third"] {
                ids.append(try await add(runs, name, now: clock.now))
                clock.advance(minutes: 1)
            }
            _ = try await runs.claim(now: clock.now, lease: 60)
            try await runs.finish(id: ids[0], result: "{}", answer: "week 12", error: nil, progress: 10, now: clock.now)
            let listed = try await runs.runs(limit: 2)
            #expect(listed.map(\.id) == [ids[2], ids[1]])
            #expect(listed.map(\.name) == ["third", "second"])
            let all = try await runs.runs()
            #expect(all.map(\.id) == [ids[2], ids[1], ids[0]])
            #expect(all.allSatisfy { $0.scenario.isEmpty && $0.result == nil })
            #expect(all.last?.answer == "week 12" && all.last?.state == .done)
        }
    }

    /// Baselines are finished forecasts of today's scenario unchanged, started by a time, newest
    /// first, with their result.
    @Test(arguments: TestDatabase.engines)
    func baselinesAreFinishedUnchangedForecasts(engine: TestDatabase.Engine) async throws {
        try await withRuns(engine) { runs in
            let clock = ManualClock(date: "2022-06-01")
            var finished: [String: String] = [:]
            let cases: [(name: String, kind: ForecastRun.Kind, changes: String, error: String?)] = [
                ("old", .forecast, "{}", nil), ("what-if", .forecast, #"{"counters":1}"#, nil),
                ("advice", .advice, "{}", nil), ("failed", .forecast, "{}", "out of memory"),
                ("new", .forecast, "{}", nil), ("later", .forecast, "{}", nil),
            ]
            for example in cases {
                let id = try await add(runs, example.name, kind: example.kind, changes: example.changes, now: clock.now)
                finished[example.name] = id
                _ = try await runs.claim(now: clock.now, lease: 60)
                try await runs.finish(
                    id: id, result: "result of \(example.name)", answer: nil, error: example.error, progress: 10,
                    now: clock.now)
                clock.advance(minutes: 1)
            }
            _ = try await add(runs, "queued", now: ManualClock(date: "2022-06-01", time: "08:04").now)
            let baselines = try await runs.baselines(startedBy: ManualClock(date: "2022-06-01", time: "08:04").now)
            #expect(baselines.map(\.id) == [finished["new"], finished["old"]])
            #expect(baselines.map(\.result) == ["result of new", "result of old"])
            #expect(try await runs.baselines(startedBy: clock.now, limit: 1).map(\.id) == [finished["later"]])
        }
    }

    /// The oldest queued run is claimed first, each by one server; a running run is taken over
    /// only when its lease has run out, and progress renews the lease.
    @Test(arguments: TestDatabase.engines)
    func aRunIsClaimedByOneServerUnderALease(engine: TestDatabase.Engine) async throws {
        try await withRuns(engine) { runs in
            let clock = ManualClock(date: "2022-06-01")
            let first = try await add(runs, "first", now: clock.now)
            clock.advance(minutes: 1)
            let second = try await add(runs, "second", now: clock.now)
            let claimed = try #require(try await runs.claim(now: clock.now, lease: 60))
            #expect(claimed.id == first && claimed.state == .running && claimed.progress == 0)
            #expect(try await runs.claim(now: clock.now, lease: 60)?.id == second)
            #expect(try await runs.claim(now: clock.now, lease: 60) == nil)
            clock.advance(seconds: 50)
            try await runs.progress(id: first, done: 5, now: clock.now, lease: 60)
            #expect(try await runs.run(id: first)?.progress == 5)
            clock.advance(seconds: 11)
            let takenOver = try #require(try await runs.claim(now: clock.now, lease: 60))
            #expect(takenOver.id == second && takenOver.state == .running)
            #expect(try await runs.claim(now: clock.now, lease: 60) == nil)
            clock.advance(seconds: 50)
            let restarted = try #require(try await runs.claim(now: clock.now, lease: 60))
            #expect(restarted.id == first && restarted.progress == 0)
        }
    }

    /// A run is finished (done with its result, or failed with its error) or requeued only while
    /// it runs; anything else changes nothing.
    @Test(arguments: TestDatabase.engines)
    func aRunIsFinishedOrRequeuedOnlyWhileItRuns(engine: TestDatabase.Engine) async throws {
        try await withRuns(engine) { runs in
            let now = ManualClock(date: "2022-06-01").now
            let later = ManualClock(date: "2022-06-01", time: "09:00").now
            let done = try await add(runs, "done", now: now)
            try await runs.finish(id: done, result: "{}", answer: "a", error: nil, progress: 10, now: later)
            try await runs.progress(id: done, done: 3, now: later, lease: 60)
            #expect(try await runs.run(id: done)?.state == .queued)
            #expect(try await runs.run(id: done)?.progress == 0)
            _ = try await runs.claim(now: now, lease: 60)
            try await runs.finish(
                id: done, result: #"{"weeks":[]}"#, answer: "week 12", error: nil, progress: 10, now: later)
            try await runs.finish(id: done, result: nil, answer: nil, error: "late", progress: 1, now: later)
            try await runs.requeue(id: done)
            var run = try #require(try await runs.run(id: done))
            #expect(run.state == .done && run.progress == 10 && run.finishedAt == later)
            #expect(run.result == #"{"weeks":[]}"# && run.answer == "week 12" && run.error == nil)
            let failed = try await add(runs, "failed", now: now)
            _ = try await runs.claim(now: now, lease: 60)
            try await runs.finish(id: failed, result: nil, answer: nil, error: "out of memory", progress: 4, now: later)
            run = try #require(try await runs.run(id: failed))
            #expect(run.state == .failed && run.error == "out of memory" && run.progress == 4 && run.result == nil)
            let requeued = try await add(runs, "requeued", now: now)
            _ = try await runs.claim(now: now, lease: 60)
            try await runs.progress(id: requeued, done: 7, now: now, lease: 60)
            try await runs.requeue(id: requeued)
            run = try #require(try await runs.run(id: requeued))
            #expect(run.state == .queued && run.progress == 0)
            #expect(try await runs.claim(now: now, lease: 60)?.id == requeued)
        }
    }

    /// Unfinished runs (queued or running) are counted per member of staff.
    @Test(arguments: TestDatabase.engines)
    func unfinishedRunsAreCountedPerStaff(engine: TestDatabase.Engine) async throws {
        try await withRuns(engine) { runs in
            let now = ManualClock(date: "2022-06-01").now
            let finished = try await add(runs, "finished", now: now)
            _ = try await runs.claim(now: now, lease: 60)
            try await runs.finish(id: finished, result: "{}", answer: nil, error: nil, progress: 10, now: now)
            _ = try await add(runs, "running", now: now.addingTimeInterval(1))
            _ = try await runs.claim(now: now, lease: 60)
            _ = try await add(runs, "queued", now: now.addingTimeInterval(2))
            _ = try await add(runs, "someone else's", by: "staff-2", now: now)
            #expect(try await runs.unfinished(by: "staff-1") == 2)
            #expect(try await runs.unfinished(by: "staff-2") == 1)
            #expect(try await runs.unfinished(by: "staff-3") == 0)
        }
    }
}
