import Instrumentation
import Logging
import LoketApp
import OTel
import ServiceLifecycle

/// Traces sent to an OpenTelemetry collector over OTLP/HTTP (swift-otel), for `serve
/// --otlp-endpoint`: a span for each request (Hummingbird's `TracingMiddleware`), its use case
/// and its database work. Off by default; logs and metrics keep their own outputs (the log
/// lines and `/metrics`).
enum TraceExport {
    /// Makes the tracer process-wide and returns the service that batches and sends the spans;
    /// run it in the server's group, before the server, so that it stops after it and sends the
    /// last spans on the way out.
    static func start(endpoint: String, logger: Logger) throws -> any Service {
        var configuration = OTel.Configuration.default
        configuration.serviceName = "loket"
        configuration.logs.enabled = false
        configuration.metrics.enabled = false
        configuration.traces.otlpExporter.endpoint = tracesURL(endpoint)
        configuration.traces.otlpExporter.protocol = .httpProtobuf
        // Room for a busy second's spans between exports (the defaults, 2,048 queued and 512 a
        // batch, dropped spans at 15,000 requests a second), and only errors in the log: a span
        // dropped under load is logged by swift-otel once per span, which flooded the log. (So
        // dropped spans go unmentioned: sample, `OTEL_TRACES_SAMPLER`, where that matters.)
        configuration.traces.batchSpanProcessor.maxQueueSize = 32_768
        configuration.traces.batchSpanProcessor.maxExportBatchSize = 4_096
        configuration.traces.batchSpanProcessor.scheduleDelay = .seconds(1)
        configuration.diagnosticLogger = .custom(logger)
        configuration.diagnosticLogLevel = .error
        let backend = try OTel.makeTracingBackend(configuration: configuration)
        // Errors by what they are, not what they say (see `RedactingTracer`).
        InstrumentationSystem.bootstrap(RedactingTracer(backend.factory))
        return backend.service
    }

    /// The collector's address as `OTEL_EXPORTER_OTLP_ENDPOINT` takes it (`http://host:4318`),
    /// or already the traces path.
    static func tracesURL(_ endpoint: String) -> String {
        var base = endpoint
        if base.hasSuffix("/v1/traces") { return base }
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/v1/traces"
    }
}
