import LoketDomain
import LoketStorage

/// Residence documents (verblijfsdocumenten): registering a card for its holder, its arrival at the
/// desk, the holder's pickup appointment or courier delivery, the courier's manifests and reports,
/// and the handover at the desk.
public struct Documents: UseCaseArea {
    let context: UseCaseContext
    let documentStore: DocumentStore
    let appointmentStore: AppointmentStore
}
