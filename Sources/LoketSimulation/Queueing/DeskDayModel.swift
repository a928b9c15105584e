/// One day at a desk: customers with appointments arrive around their booked times (early or
/// late by `punctuality`), queue first come first served for `counters` counters, and are served
/// in a time that depends on their product. Says how long people wait in the waiting room and
/// how busy the counters are, for a roster against a day's bookings.
public struct DeskDayModel: Sendable {
    public struct ProductLoad: Sendable {
        public let product: String
        /// Appointments booked for the day.
        public let appointments: Int
        /// Minutes at the counter.
        public let service: Distribution

        public init(product: String, appointments: Int, service: Distribution) {
            self.product = product
            self.appointments = appointments
            self.service = service
        }
    }

    public let counters: Int
    /// Minutes the desk books appointments over, from opening.
    public let openMinutes: Double
    public let products: [ProductLoad]
    /// Minutes between the booked time and the arrival (negative: early).
    public let punctuality: Distribution

    public init(counters: Int, openMinutes: Double, products: [ProductLoad], punctuality: Distribution) {
        precondition(counters > 0, "a desk day needs at least one counter")
        self.counters = counters
        self.openMinutes = openMinutes
        self.products = products
        self.punctuality = punctuality
    }

    public struct Result: Sendable, Hashable {
        public let customers: Int
        public let meanWaitMinutes: Double
        /// Share of customers who waited more than 15 minutes for a counter.
        public let shareWaitingOver15Minutes: Double
        /// Busy counter time over available counter time while open.
        public let utilisation: Double
        /// When the last customer left, in minutes after opening.
        public let lastDepartureMinutes: Double
    }

    static let arrival: Int32 = 0, departure: Int32 = 1

    public func run(seed: UInt64, replication: UInt64 = 0) -> Result {
        var rng = RandomStream(seed: seed, replication: replication, stream: 3)
        // Booked times spread evenly over the day, products interleaved in proportion.
        var bookings: [(time: Double, product: Int)] = []
        let total = products.reduce(0) { $0 + $1.appointments }
        for (p, load) in products.enumerated() {
            for i in 0..<load.appointments {
                bookings.append((openMinutes * Double(i) / Double(max(1, load.appointments)), p))
            }
        }
        var sim = Simulation(capacity: total + counters + 1)
        for (index, booking) in bookings.enumerated() {
            let arrival = max(0, booking.time + punctuality.sample(&rng))
            sim.schedule(Event(kind: Self.arrival, a: Int32(index)), at: arrival)
        }
        // The counters; a customer's kind is the index of their product.
        var desk = ServerQueue(servers: counters, expectedLine: total)
        var waitSum = 0.0
        var longWaits = 0
        var busyMinutes = 0.0
        var served = 0
        while let event = sim.step() {
            let starting =
                event.kind == Self.arrival
                ? desk.arrive(.init(arrived: sim.now, kind: Int32(bookings[Int(event.a)].product)))
                : desk.release()
            guard let customer = starting else { continue }
            let wait = sim.now - customer.arrived
            waitSum += wait
            if wait > 15 { longWaits += 1 }
            let minutes = products[Int(customer.kind)].service.sample(&rng)
            busyMinutes += minutes
            served += 1
            sim.schedule(Event(kind: Self.departure), after: minutes)
        }
        let n = Double(max(1, served))
        return Result(
            customers: served, meanWaitMinutes: waitSum / n, shareWaitingOver15Minutes: Double(longWaits) / n,
            utilisation: busyMinutes / (Double(counters) * max(openMinutes, sim.now)), lastDepartureMinutes: sim.now)
    }
}
