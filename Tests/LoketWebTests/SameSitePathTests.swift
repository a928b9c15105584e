import Testing

@testable import LoketWeb

/// The language switch's `back` goes to a path on this site or to `/`; never to another site.
struct SameSitePathTests {
    static let cases: [(back: String?, goes: String)] = [
        ("/book/BIO/desks?x=1", "/book/BIO/desks?x=1"),
        ("/", "/"),
        (nil, "/"),
        ("", "/"),
        ("https://evil.example/", "/"),
        ("evil.example", "/"),
        ("//evil.example", "/"),
        ("/\\evil.example", "/"),
        ("/\t/evil.example", "/"),
        ("/\n/evil.example", "/"),
        ("/\r\n/evil.example", "/"),
        ("/a\\b", "/"),
        ("/a b", "/"),
        ("/\u{7F}/evil.example", "/"),
        ("/\u{85}/evil.example", "/"),
        ("\t//evil.example", "/"),
    ]

    @Test(arguments: cases) func goesOnlyToThisSite(_ example: (back: String?, goes: String)) {
        #expect(SameSitePath.from(example.back) == example.goes)
    }
}
