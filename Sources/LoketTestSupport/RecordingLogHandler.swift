import Logging

/// A log handler that hands every event, with the logger's metadata merged in, to `record`: for
/// tests that check what is logged (statements, and that no personal data is).
public struct RecordingLogHandler: LogHandler {
    private let record: @Sendable (Logger.Message, Logger.Metadata) -> Void
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public var logLevel: Logger.Level = .trace

    public init(_ record: @escaping @Sendable (Logger.Message, Logger.Metadata) -> Void) {
        self.record = record
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        record(event.message, metadata.merging(event.metadata ?? [:]) { $1 })
    }
}
