import InMemoryTracing
import LoketApp
import LoketDomain
import Testing
import Tracing

/// Spans record an error by what it is, never by what it says: a refusal by its field and
/// code, any other error by its type.
@Suite struct RedactingTracerTests {
    /// An error as a library might word one, quoting its input.
    struct Quoting: Error, CustomStringConvertible {
        var description: String { "could not read 'Jan Jansen' (1234567890) as a date" }
    }

    @Test func errorsAreRecordedByWhatTheyAreNotByWhatTheySay() async {
        let memory = InMemoryTracer()
        let tracer = RedactingTracer(memory)
        await #expect(throws: Quoting.self) {
            try await tracer.withSpan("booking.confirm") { _ in throw Quoting() }
        }
        let span = tracer.startSpan("booking.hold")
        span.recordError(Refusal.invalid("customer.vNumber", "invalid", "1234567890 is not a V-number."))
        span.end()

        let recorded = memory.finishedSpans.flatMap(\.errors).map { String(describing: $0.error) }
        #expect(recorded.count == 2)
        #expect(!recorded.contains { $0.contains("Jan") || $0.contains("1234567890") }, "\(recorded)")
        #expect(recorded.first?.contains("Quoting") == true)
        #expect(recorded.last?.contains("field: customer.vNumber, code: invalid") == true)
        let types = memory.finishedSpans.flatMap(\.errors).map { $0.attributes["exception.type"]?.toSpanAttribute() }
        #expect(types.first == .string(String(reflecting: Quoting.self)))
    }

    /// As Loket's use cases and database work reach it (the process's tracer, nested spans): the
    /// inner span's error is redacted, and it is still the outer span's child.
    @Test func nestedSpansKeepTheirParentAndRedactTheirErrors() async {
        let memory = InMemoryTracer()
        await withTracer(RedactingTracer(memory)) {
            await #expect(throws: Quoting.self) {
                try await withSpan("booking.confirm") { _ in
                    try await withSpan("db.transaction", ofKind: .client) { _ in throw Quoting() }
                }
            }
        }
        let spans = memory.finishedSpans
        let inner = spans.first { $0.operationName == "db.transaction" }
        let outer = spans.first { $0.operationName == "booking.confirm" }
        #expect(inner?.parentSpanID != nil && inner?.parentSpanID == outer?.spanID)
        #expect(!spans.flatMap(\.errors).contains { String(describing: $0.error).contains("Jan") })
        #expect(spans.flatMap(\.errors).count == 2)
    }
}
