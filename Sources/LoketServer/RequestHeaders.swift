import HTTPTypes
import NIOHTTP1

/// A request's headers as the rules both ways of answering share read them (the client behind a
/// proxy, the request id, the key of a ready answer's `ReadyAnswers.Variation`): Swift HTTP
/// Types' fields on the router's way, NIO's own headers on `ReadyAnswerHandler`'s, which answers
/// before they are converted (the conversion was a tenth of a ready answer's time).
public struct RequestHeaders {
    private enum Storage {
        case fields(HTTPFields)
        case headers(HTTPHeaders)
    }

    private let storage: Storage

    public init(_ fields: HTTPFields) { storage = .fields(fields) }

    init(_ headers: HTTPHeaders) { storage = .headers(headers) }

    /// Every value of the header `name`, in order (names match whatever their case).
    public subscript(values name: HTTPField.Name) -> [String] {
        switch storage {
        case .fields(let fields): fields[values: name]
        case .headers(let headers): headers[name.canonicalName]
        }
    }

    /// The header `name`'s values as one, joined as `HTTPFields` joins them; nil when absent.
    public subscript(name: HTTPField.Name) -> String? {
        switch storage {
        case .fields(let fields): return fields[name]
        case .headers(let headers):
            let values = headers[name.canonicalName]
            if values.count < 2 { return values.first }
            return values.joined(separator: name == .cookie ? "; " : ", ")
        }
    }
}
