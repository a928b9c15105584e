/// What the desks' recent weeks were like and what is booked ahead, read from the database:
/// what a forecast that starts from today needs beyond the desk network (issue #12). Counts
/// only, no personal data.
public struct RecentActivity: Sendable, Hashable, Codable {
    /// The day the facts were read; the window is the `weeks` weeks before it.
    public let today: LocalDate
    public let weeks: Int
    public var cells: [Cell]
    /// Visits in the window that were served, and that nobody came to.
    public var served: Int
    public var noShows: Int
    /// Appointments made in the window, and how many of those were cancelled since.
    public var made: Int
    public var cancelled: Int
    /// Appointments made in the window from the urgent reserve.
    public var urgentMade: Int
    /// Persons per appointment made in the window, per product.
    public var personsPerAppointment: [String: Double]

    /// One desk and product.
    public struct Cell: Sendable, Hashable, Codable {
        public let desk: String
        public let product: String
        /// Requests in the window per weekday (Monday first, Saturday and Sunday included):
        /// appointments made plus waitlist entries joined.
        public var requestsByWeekday: [Int]
        /// Requests per week of the window, oldest first: how much demand varies.
        public var requestsByWeek: [Int]
        /// Appointments booked from today on, per day.
        public var booked: [LocalDate: Int]
        /// People on the waitlist who chose this desk first.
        public var waiting: Int

        /// Counts `n` requests made on `date` (in the window starting `since`).
        public mutating func add(_ n: Int, on date: LocalDate, since: LocalDate) {
            requestsByWeekday[date.weekday.index] += n
            let week = (date.dayNumber - since.dayNumber) / 7
            if requestsByWeek.indices.contains(week) { requestsByWeek[week] += n }
        }

        public init(desk: String, product: String, weeks: Int) {
            self.desk = desk
            self.product = product
            self.requestsByWeekday = Array(repeating: 0, count: 7)
            self.requestsByWeek = Array(repeating: 0, count: weeks)
            self.booked = [:]
            self.waiting = 0
        }
    }

    public init(today: LocalDate, weeks: Int) {
        self.today = today
        self.weeks = weeks
        self.cells = []
        self.served = 0
        self.noShows = 0
        self.made = 0
        self.cancelled = 0
        self.urgentMade = 0
        self.personsPerAppointment = [:]
    }

    /// The first day of the window.
    public var since: LocalDate { today.adding(days: -7 * weeks) }

    /// The cell of `desk` and `product`, made if it is not there yet.
    public mutating func cell(_ desk: String, _ product: String) -> Int {
        if let i = cells.firstIndex(where: { $0.desk == desk && $0.product == product }) { return i }
        cells.append(Cell(desk: desk, product: product, weeks: weeks))
        return cells.count - 1
    }
}
