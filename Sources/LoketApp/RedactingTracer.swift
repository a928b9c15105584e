import Instrumentation
import LoketDomain
import Tracing

/// A tracer whose spans record an error by what it is, never by what it says: an exporter
/// records an error's description (swift-otel's `exception.message`), and the descriptions of
/// errors from below Loket (a decoding error quoting the cell it could not read, a library's
/// error naming its input) may hold a name, a V-number or an email. A refusal is recorded by
/// its field and reason code; any other error by its type alone.
public struct RedactingTracer<Base: Tracer>: Tracer {
    let base: Base

    public init(_ base: Base) { self.base = base }

    public func startSpan<Instant: TracerInstant>(
        _ operationName: String, context: @autoclosure () -> InstrumentationContext, ofKind kind: SpanKind,
        at instant: @autoclosure () -> Instant, function: String, file fileID: String, line: UInt
    ) -> RedactingSpan<Base.Span> {
        RedactingSpan(
            base: base.startSpan(
                operationName, context: context(), ofKind: kind, at: instant(), function: function, file: fileID,
                line: line))
    }

    public func activeSpan(identifiedBy context: InstrumentationContext) -> RedactingSpan<Base.Span>? {
        base.activeSpan(identifiedBy: context).map(RedactingSpan.init)
    }

    public func forceFlush() { base.forceFlush() }

    public func extract<Carrier, Extract>(
        _ carrier: Carrier, into context: inout InstrumentationContext, using extractor: Extract
    ) where Extract: Extractor, Extract.Carrier == Carrier {
        base.extract(carrier, into: &context, using: extractor)
    }

    public func inject<Carrier, Inject>(
        _ context: InstrumentationContext, into carrier: inout Carrier, using injector: Inject
    ) where Inject: Injector, Inject.Carrier == Carrier {
        base.inject(context, into: &carrier, using: injector)
    }
}

/// A span of `RedactingTracer`: the base span, with errors recorded as `RedactedError`.
public struct RedactingSpan<Base: Span>: Span {
    let base: Base

    public var context: InstrumentationContext { base.context }

    public var operationName: String {
        get { base.operationName }
        nonmutating set { base.operationName = newValue }
    }

    public var attributes: SpanAttributes {
        get { base.attributes }
        nonmutating set { base.attributes = newValue }
    }

    public var isRecording: Bool { base.isRecording }

    /// The status's code alone: its message would be error text too.
    public func setStatus(_ status: SpanStatus) { base.setStatus(SpanStatus(code: status.code)) }

    public func addEvent(_ event: SpanEvent) { base.addEvent(event) }

    public func recordError<Instant: TracerInstant>(
        _ error: any Error, attributes: SpanAttributes, at instant: @autoclosure () -> Instant
    ) {
        // The error's own type, where the exporter would name `RedactedError`.
        var attributes = attributes
        attributes["exception.type"] = String(reflecting: type(of: error))
        base.recordError(RedactedError(error), attributes: attributes, at: instant())
    }

    public func addLink(_ link: SpanLink) { base.addLink(link) }

    public func end<Instant: TracerInstant>(at instant: @autoclosure () -> Instant) { base.end(at: instant()) }
}

/// An error as a span may record it: a refusal's field and code, another error's type.
public struct RedactedError: Error, CustomStringConvertible {
    public let description: String

    init(_ error: any Error) {
        description =
            if let refusal = (error as? Refusal) ?? (error as? any RefusalConvertible)?.asRefusal {
                "Refusal(\(refusal.kind), field: \(refusal.field), code: \(refusal.code))"
            } else {
                "\(String(reflecting: type(of: error))) (its details may hold personal data and are not recorded)"
            }
    }
}
