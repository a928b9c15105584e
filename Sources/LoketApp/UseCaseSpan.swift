import LoketDomain
import Tracing

/// Runs one use case in a span of its own, named `area.action` and carrying the request's
/// id, so that a trace shows the use case between the HTTP request and its database work.
/// Without `--otlp-endpoint` the tracer is a no-op and the span costs next to nothing.
func useCase<R>(_ name: String, _ body: () async throws -> R) async throws -> R {
    try await withSpan(name) { span in
        if let request = TracedRequest.id { span.attributes["loket.request_id"] = request }
        return try await body()
    }
}
