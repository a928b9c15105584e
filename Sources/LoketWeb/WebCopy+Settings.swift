/// The desk settings page's own texts, in Dutch and English (a staff page): its contents and a
/// roster block as a desk manager knows it, by products, days and hours rather than its id.
extension WebCopy {
    static let settingsTexts: [String: (nl: String, en: String)] = [
        "settingsContents": ("Op deze pagina", "On this page"),
        "settingsChangeForms": ("Het rooster wijzigen", "Change the roster"),
        "blockName": ("%@, %@ %@", "%@, %@ %@"),
        "blockText": ("%@: %@ balies", "%@: %@ counters"),
        "blockFrom": ("vanaf %@", "from %@"),
        "blockUntil": ("tot en met %@", "until %@"),
    ]
}
