/// The id of the request that caused the work being done (`X-Request-Id`): bound by the HTTP
/// layer for each request, carried on every log line the work writes, and stored with the
/// messages it puts in the outbox, so that a send hours later names the request that wrote it.
public enum TracedRequest {
    @TaskLocal public static var id: String?
}
