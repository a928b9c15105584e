import Foundation
import LoketDomain
import LoketSimulation
import Testing

/// Product keys come from the scenario: the roles name them, the planner's keys by default.
struct ProductRolesTests {
    /// Two products at one desk and courier delivery of half the documents from 2023-01-09.
    static func scenario(products: (String, String), roles: String) throws -> Scenario {
        try Scenario.parse(
            """
            name: roles
            start: 2023-01-02
            weeks: 2
            bookingHorizonWorkingDays: 20
            \(roles)
            products: {\(products.0): {minutesPerAppointment: 12}, \(products.1): {minutesPerAppointment: 6}}
            desks:
              - code: X
                hours: [{from: 2023-01-02, weekdayHours: 8, saturdayHours: 0}]
                products:
                  \(products.0): {counters: 2, demandPerWorkingDay: 100, initialWaitWorkingDays: 0}
                  \(products.1): {counters: 1, demandPerWorkingDay: 40, initialWaitWorkingDays: 0}
            demand: {weekdayPattern: [1, 1, 1, 1, 1], trend: []}
            behaviour: {travelShare: 0, cancellationShare: 0, cancellationRebookShare: 0, noShowShare: 0, noShowRebookShare: 0}
            courier: [{from: 2023-01-09, share: 0.5}]
            """)
    }

    /// Expected requests for `product` at desk X on `day`.
    static func demand(_ plan: NetworkPlan, _ product: String, _ day: String) -> Double {
        let cell = plan.cells.firstIndex { $0.product == product }!
        return plan.demand[cell * plan.totalDays + LocalDate(iso: day)!.dayNumber - plan.scenario.start.dayNumber]
    }

    @Test func theShippedScenariosUseThePlannerKeys() throws {
        let scenario = try Scenario.load(BacklogModelTests.scenarios.appendingPathComponent("nl-2022.yaml"))
        #expect(scenario.productRoles == nil)
        #expect(scenario.roles == ProductRoles(biometrics: "BIO", collection: "DOC"))
    }

    @Test(arguments: [
        // products, roles line, the product the courier takes from
        (("BIO", "DOC"), "", "DOC"),
        (("PHOTO", "CARD"), "productRoles: {biometrics: PHOTO, collection: CARD}", "CARD"),
        (("BIO", "CARD"), "productRoles: {collection: CARD}", "CARD"),
    ])
    func courierDeliveryReplacesTheCollectionProduct(
        products: (String, String), roles: String, collection: String
    ) throws {
        let plan = try NetworkPlan(try Self.scenario(products: products, roles: roles))
        let other = products.0 == collection ? products.1 : products.0
        #expect(Self.demand(plan, collection, "2023-01-04") == 40)
        #expect(Self.demand(plan, collection, "2023-01-11") == 20)
        #expect(Self.demand(plan, other, "2023-01-11") == 100)
    }

    @Test func theCourierTakesNoMoreThanItsDailyCapacity() throws {
        // Half of 40 documents a day would go by courier, but it takes only 10: a quarter.
        let plan = try NetworkPlan(
            try Self.scenario(products: ("BIO", "DOC"), roles: "courierCapacity: {perDay: 10, desks: [X]}"))
        #expect(Self.demand(plan, "DOC", "2023-01-04") == 40)
        #expect(Self.demand(plan, "DOC", "2023-01-11") == 30)
        // At a desk it does not serve, everything is collected.
        let elsewhere = try NetworkPlan(
            try Self.scenario(products: ("BIO", "DOC"), roles: "courierCapacity: {perDay: 10, desks: [Y]}"))
        #expect(Self.demand(elsewhere, "DOC", "2023-01-11") == 40)
    }

    @Test func aRoleNamingNoProductIsRefused() throws {
        let scenario = try Self.scenario(products: ("BIO", "DOC"), roles: "productRoles: {collection: DCO}")
        #expect(throws: ScenarioError.self) { try NetworkPlan(scenario) }
    }
}
