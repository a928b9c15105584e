import LoketApp
import LoketNotifications
import LoketTestSupport
import Testing

/// Every page an email links to is a page the server has: each `MailLink` path is matched by a
/// route followed with GET, as the links in the page templates are (`PageLinksTests`).
@Suite(.timeLimit(.minutes(3))) struct MailLinksTests {
    @Test func everyMailLinkLeadsToAPage() async throws {
        let (database, _, drop) = try await TestDatabase.make(.sqlite)
        let options = ServerOptions(network: TestNetwork.network)
        let router = router(Loket(options: options, database: database, logger: TestDatabase.logger), options)
        await drop()
        let routes = router.routes
        for link in MailLink.allCases {
            let routed = routes.contains { $0.method == .get && PageLinksTests.matches(link.rawValue, $0.path) }
            #expect(routed, "\(link): GET \(link.rawValue) has no route")
        }
    }

    @Test func aLinkHasItsValuesInOrderAndItsToken() {
        #expect(
            MailLink.drawEntry.url("https://loket.example", "D-1", "E-2", token: "s3cret")
                == "https://loket.example/draws/D-1/entries/E-2?token=s3cret")
        #expect(
            MailLink.manage.url("http://127.0.0.1:8080", "A", token: "t") == "http://127.0.0.1:8080/manage/A?token=t")
    }
}
