/// What happens at a moment of simulated time: a kind the model defines and up to three
/// integers of payload (a counter, a desk, a day). A fixed shape rather than a generic keeps the
/// event heap monomorphic and allocation-free.
public struct Event: Sendable, Hashable {
    public let kind: Int32
    public let a: Int32
    public let b: Int32
    public let c: Int32

    @inlinable
    public init(kind: Int32, a: Int32 = 0, b: Int32 = 0, c: Int32 = 0) {
        self.kind = kind
        self.a = a
        self.b = b
        self.c = c
    }
}
