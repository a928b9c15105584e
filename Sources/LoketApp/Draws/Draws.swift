import LoketDomain
import LoketStorage

/// Draws (lotingen): where appointments are scarcest, places are drawn among those who entered
/// instead of going to whoever polls fastest. Entering, the draw modes, opening and allocating.
public struct Draws: UseCaseArea {
    let context: UseCaseContext
    let drawStore: DrawStore
    let capacityStore: CapacityStore
    let appointmentStore: AppointmentStore
    let availability: Availability
}
