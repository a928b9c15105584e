import Yams

/// Keys in a YAML file that the type it was decoded into does not know: Codable ignores them
/// silently, so a misspelt `weekdayHour:` would otherwise be dropped without a word. Found by
/// encoding the decoded value again and comparing the two trees key by key.
public enum UnknownKeys {
    /// Paths such as `desks[2].hours[0].weekdayHour`, in file order. Keys whose values decode to
    /// nil (and so are not re-encoded) are not reported.
    public static func find<T: Encodable>(in yaml: String, decoded value: T) throws -> [String] {
        guard let original = try Yams.compose(yaml: yaml) else { return [] }
        let known = try Yams.compose(yaml: YAMLEncoder().encode(value)) ?? Node("")
        var found: [String] = []
        compare(original, known, path: "", into: &found)
        return found
    }

    private static func compare(_ original: Node, _ known: Node, path: String, into found: inout [String]) {
        switch (original, known) {
        case (.mapping(let o), .mapping(let k)):
            for (key, value) in o {
                // `<<` merges an anchor; the decoder has applied it.
                guard let name = key.string, name != "<<" else { continue }
                let child = path.isEmpty ? name : "\(path).\(name)"
                if let match = k[name] {
                    compare(value, match, path: child, into: &found)
                } else if !(value.null != nil) {
                    found.append(child)
                }
            }
        case (.sequence(let o), .sequence(let k)):
            for (index, pair) in zip(o, k).enumerated() {
                compare(pair.0, pair.1, path: "\(path)[\(index)]", into: &found)
            }
        default:
            return
        }
    }
}
