/// document.mustache: a document as its holder sees it, with the pickup and delivery choices
/// while it waits for one.
struct DocumentPage {
    struct Option { let value: String, label: String, selected: Bool }
    let id: String
    /// The link token, carried in the forms.
    let token: String
    let name: String
    let place: String
    let readyOn: String
    let status: String
    let form: [String: String]
    var pickup: String?
    var delivery: String?
    var canPickUp = false
    /// A delivery is scheduled: a pickup replaces it.
    var pickupInstead = false
    /// A delivery is scheduled: the delivery form moves it.
    var movingDelivery = false
    /// A day with pickup times, shown as a group of the list.
    struct Day { let label: String, times: [Option] }
    var pickupDays: [Day] = []
    var canDeliver = false
    var days: [Option] = []
}
