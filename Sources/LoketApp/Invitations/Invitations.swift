import LoketDomain
import LoketStorage

/// Invitations (uitnodigingen): for products that require one, the case system (or a desk)
/// invites the people who may book, and a booking can wait for a person's details.
public struct Invitations: UseCaseArea {
    let context: UseCaseContext
    let waitlistStore: WaitlistStore
    let booking: Booking
    let waitlist: Waitlist
    var invitationStore: InvitationStore { context.invitationStore }
}
