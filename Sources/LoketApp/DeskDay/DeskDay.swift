import LoketDomain
import LoketStorage

/// The desk's day (de baliedag): the agenda, check-in, the ticket line and its calls, the end of
/// each visit, and the changes desk managers make to opening hours and capacity.
public struct DeskDay: UseCaseArea {
    let context: UseCaseContext
    let deskDayStore: DeskDayStore
    let deskChangeStore: DeskChangeStore
    let generations: CapacityGenerations
}
