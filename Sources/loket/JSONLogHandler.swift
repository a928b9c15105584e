import Foundation
import Logging
import LoketDomain

/// `--log-format json`: one JSON object a line on standard error, for a log collector: `time`,
/// `level`, `message`, `label`, and the metadata as fields of their own (`request`, `route`,
/// `status`, `durationMs` on a request's line). Written by hand: swift-log ships only the text
/// handler, and no package on the list writes JSON lines.
struct JSONLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var fields: [String: String] = [:]
        for (key, value) in metadata { fields[key] = "\(value)" }
        for (key, value) in metadataProvider?.get() ?? [:] { fields[key] = "\(value)" }
        for (key, value) in event.metadata ?? [:] { fields[key] = "\(value)" }
        fields["time"] = Self.time.format(Date())
        fields["level"] = event.level.rawValue
        fields["message"] = event.message.description
        fields["label"] = label
        fields["source"] = event.source
        guard var line = try? Self.encoder.encode(fields) else { return }
        line.append(UInt8(ascii: "\n"))
        // One write a line (FileHandle writes without buffering), so lines of many threads do not interleave.
        FileHandle.standardError.write(line)
    }

    /// UTC, to the millisecond: `2026-12-06T07:00:43.024Z`.
    private static let time = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}

extension Logger.MetadataProvider {
    /// The id of the request being served (`TracedRequest`), on every log line.
    static let tracedRequest = Logger.MetadataProvider {
        TracedRequest.id.map { ["request": .string($0)] } ?? [:]
    }
}
