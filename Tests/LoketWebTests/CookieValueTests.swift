import Hummingbird
import Testing

@testable import LoketWeb

/// The language cookie read over the bytes finds what Hummingbird's `Cookies` finds in the
/// cookies browsers send. (Both the router and the ready answers read it this way, so the two
/// agree on odd ones too: `loket_lang==nl` is no language for either.)
@Suite struct CookieValueTests {
    static let cases: [(headers: [String], value: String?)] = [
        (["loket_lang=uk"], "uk"),
        (["loket_csrf=abc; loket_lang=en"], "en"),
        (["loket_language=ar; loket_lang=nl"], "nl"),
        (["x_loket_lang=ar;loket_lang=en"], "en"),
        (["a=1;   loket_lang=uk; b=2"], "uk"),
        (["a=1", "loket_lang=en"], "en"),
        (["loket_lang=; loket_lang=uk"], nil),
        (["loket_lang; a=1"], nil),
        (["a=loket_lang=uk"], nil),
        ([], nil),
        ([""], nil),
    ]

    @Test(arguments: cases) func readsTheCookieAsHummingbirdDoes(_ headers: [String], _ value: String?) {
        let read = CookieValue.named("loket_lang", in: headers).map(String.init)
        #expect(read == value)
        #expect(read == Cookies(from: headers)["loket_lang"]?.value)
    }
}
