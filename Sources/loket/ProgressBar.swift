import Foundation
import Synchronization

/// Progress on stderr: a bar redrawn in place on a terminal, plain lines every tenth otherwise
/// (so that CI logs stay readable).
final class ProgressBar: Sendable {
    let total: Int
    let isTerminal = isatty(STDERR_FILENO) != 0
    private let lastTenth = Mutex(-1)

    init(total: Int) { self.total = total }

    func update(_ done: Int) {
        if isTerminal {
            let width = 40
            let filled = width * done / max(1, total)
            let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
            FileHandle.standardError.write(Data("\r\(bar) \(done)/\(total) replications".utf8))
        } else {
            let tenth = 10 * done / max(1, total)
            let due = lastTenth.withLock { last in
                guard tenth > last else { return false }
                last = tenth
                return true
            }
            if due { FileHandle.standardError.write(Data("\(done)/\(total) replications\n".utf8)) }
        }
    }

    func finish(elapsed: Duration) {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        FileHandle.standardError.write(
            Data("\(isTerminal ? "\n" : "")done in \(String(format: "%.2f", seconds)) s\n".utf8))
    }
}
