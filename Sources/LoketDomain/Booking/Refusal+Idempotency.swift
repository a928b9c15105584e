/// The refusals of a retry with an `Idempotency-Key`, worded once here.
extension Refusal {
    public static let idempotencyKeyInvalid = Refusal.invalid(
        "Idempotency-Key", "invalid", "An Idempotency-Key has 1 to 200 characters.")

    /// The first request with the key has not answered yet.
    public static let requestInProgress = Refusal(
        .conflict, field: "Idempotency-Key", code: "in_progress", "A request with this key is still running; retry.")

    /// Another client's key: nothing of its answer, not even whether it is done.
    public static let idempotencyKeyInUse = Refusal(
        .conflict, field: "Idempotency-Key", code: "idempotency_key_in_use",
        "This Idempotency-Key is in use by another client; send a new random one.")

    public static let idempotencyKeyReused = Refusal.invalid(
        "Idempotency-Key", "reused", "This Idempotency-Key was used for a different request.")

    /// A retry of a hold whose secret can no longer be given again.
    public static let heldSecretGone = Refusal(
        .conflict, field: "Idempotency-Key", code: "hold_used",
        "The hold this key made has been used, has lapsed or was handed on; its secret is not given again.")
}
