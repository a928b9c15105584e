import LoketDomain
import LoketStorage

/// Running the service: readiness and draining, the metrics page, the sweep and the forgetting of
/// what must not linger, the purge of personal data past its retention, and `loket verify`.
public struct Operations: UseCaseArea {
    let context: UseCaseContext
    let outboxStore: OutboxStore
    let staffStore: StaffStore
    let purgeStore: PurgeStore
    let biometricsPolicy: BiometricsPolicy
    let gaugeSchedule: GaugeSchedule
    let draining: Draining
    let booking: Booking
    let waitlist: Waitlist
    let availability: Availability
    let deskDay: DeskDay
    let invitations: Invitations
    let generations: CapacityGenerations
}
