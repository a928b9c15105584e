import LoketDomain
import LoketStorage

/// Free slots and the published waiting times (wachttijden): what every channel shows before a
/// booking, read through the usage cache.
public struct Availability: UseCaseArea {
    let context: UseCaseContext
    let capacityStore: CapacityStore
}
