/// "Your turn soon" (straks aan de beurt): the waiting-room screen lists the next tickets of the
/// desk, and a customer who asked for it at check-in (to wait outside, or with a child) gets an
/// email once they are among the next of their own queue: the line their counter calls from.
public enum TurnSoon {
    /// How far up their queue a customer is told: the first three.
    public static let place = 3
}
