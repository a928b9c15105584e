import Yams

/// The line of a YAML file a problem's path names (`desks[DH].roster[1].counters`,
/// `products[0]`), so that `loket check` can say where to look. A bracketed name that is not
/// a number is the element whose `code`, `key` or `id` it is. For a key that is missing, the
/// line of the nearest part that is there.
public enum YAMLLocation {
    public static func line(of path: String, in yaml: String) -> Int? {
        guard var node = try? Yams.compose(yaml: yaml) else { return nil }
        var line = node.mark.map { $0.line }
        for step in steps(path) {
            let next: Node?
            switch (node, step) {
            case (.mapping(let mapping), .key(let name)):
                next = mapping[name]
            case (.sequence(let sequence), .index(let index)):
                next = index < sequence.count ? sequence[index] : nil
            case (.sequence(let sequence), .named(let name)):
                next = sequence.first { element in
                    ["code", "key", "id"].contains { element.mapping?[$0]?.string == name }
                }
            default:
                next = nil
            }
            guard let next else { break }
            node = next
            line = node.mark.map { $0.line } ?? line
        }
        return line
    }

    enum Step {
        case key(String)
        case index(Int)
        case named(String)
    }

    /// `a.b[2].c[DH]` as its steps.
    static func steps(_ path: String) -> [Step] {
        var steps: [Step] = []
        var name = ""
        var bracket: String?
        for character in path {
            switch character {
            case "." where bracket == nil:
                if !name.isEmpty { steps.append(.key(name)) }
                name = ""
            case "[" where bracket == nil:
                if !name.isEmpty { steps.append(.key(name)) }
                name = ""
                bracket = ""
            case "]" where bracket != nil:
                steps.append(Int(bracket!).map(Step.index) ?? .named(bracket!))
                bracket = nil
            default:
                if bracket != nil { bracket!.append(character) } else { name.append(character) }
            }
        }
        if !name.isEmpty { steps.append(.key(name)) }
        return steps
    }
}
