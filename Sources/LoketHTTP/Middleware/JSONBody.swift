import Foundation
import Hummingbird
import LoketDomain
import LoketServer
import NIOCore

/// Reading and writing JSON bodies with errors that name the field.
enum JSONBody {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return encoder
    }()

    /// The body, at most 64 KiB, as bytes (kept for idempotency fingerprints). Only a body
    /// declared `application/json` is read: a browser cannot send that type to another site
    /// without asking first (CORS preflight), so no other site's form or script can make a
    /// visitor's browser take holds here. A request with no body and no `Content-Type` at all
    /// (a planner client's bare reserve) is not a form, so it is read as an empty body.
    static func bytes(_ request: Request, limit: Int = 64 * 1024) async throws -> [UInt8] {
        var body = try await collect(request, limit: limit)
        let bytes = body.readBytes(length: body.readableBytes) ?? []
        let contentType = request.headers[.contentType]
        guard isJSON(contentType) || (contentType == nil && bytes.isEmpty) else {
            throw Refusal(
                .unsupportedMediaType, field: "Content-Type", code: "unsupported_media_type",
                "Send the body as Content-Type: application/json.")
        }
        return bytes
    }

    /// The whole body, or 413 naming the limit when it is larger: a refusal, not a server error.
    static func collect(_ request: Request, limit: Int) async throws -> ByteBuffer {
        do {
            return try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw Refusal(
                .tooLarge, field: "body", code: "too_large", "The body may be at most \(limit / 1024) KiB.")
        }
    }

    /// Whether a `Content-Type` value names `application/json`, with or without parameters.
    static func isJSON(_ contentType: String?) -> Bool {
        guard let contentType else { return false }
        let mediaType = contentType.split(separator: ";", maxSplits: 1).first ?? ""
        return mediaType.trimmingCharacters(in: .whitespaces).lowercased() == "application/json"
    }

    static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        guard !bytes.isEmpty else {
            throw Refusal.invalid("body", "required", "Send a JSON object as the request body.")
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(bytes))
        } catch let error as DecodingError {
            switch error {
            case .typeMismatch(_, let context), .valueNotFound(_, let context):
                throw Refusal.invalid(
                    fieldPath(context.codingPath), "wrong_type",
                    "This field has the wrong type: \(context.debugDescription)")
            case .keyNotFound(let key, let context):
                throw Refusal.invalid(fieldPath(context.codingPath + [key]), "required", "This field is required.")
            case .dataCorrupted(let context):
                throw Refusal.invalid(
                    context.codingPath.isEmpty ? "body" : fieldPath(context.codingPath), "malformed",
                    "The body is not valid JSON.")
            @unknown default:
                throw Refusal.invalid("body", "malformed", "The body is not valid JSON.")
            }
        }
    }

    static func fieldPath(_ path: [any CodingKey]) -> String {
        path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".").replacingOccurrences(
            of: ".[", with: "[")
    }

    static let contentType = "application/json; charset=utf-8"

    /// `value` as a body made once and sent to many.
    static func ready<T: Encodable>(_ value: T) throws -> ReadyBody {
        ReadyBody(ByteBuffer(bytes: try encoder.encode(value)), contentType: contentType)
    }

    static func response<T: Encodable>(
        _ value: T, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]
    ) throws -> Response {
        var buffer = ByteBuffer()
        buffer.writeBytes(try encoder.encode(value))
        var fields = headers
        fields[.contentType] = contentType
        return Response(status: status, headers: fields, body: .init(byteBuffer: buffer))
    }
}
