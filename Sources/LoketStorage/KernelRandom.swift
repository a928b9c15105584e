#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Random bytes from the kernel, fetched many at a time: `SystemRandomNumberGenerator` makes a
/// system call for every eight bytes, so a hold's id and secret and an appointment's code took
/// fourteen, on the writer's thread that every booking waits for (8% of its time). Here one read
/// of `/dev/urandom` fills a buffer. Hand-written: neither the standard library nor swift-crypto
/// offers a fill of many bytes (`getrandom` is not imported into Swift).
struct KernelRandom: RandomNumberGenerator {
    private var words: [UInt64] = []

    /// Fills `buffer` with random bytes.
    static func fill(_ buffer: UnsafeMutableRawBufferPointer) {
        var filled = 0
        while filled < buffer.count {
            let read = read(device, buffer.baseAddress! + filled, buffer.count - filled)
            guard read > 0 else {
                if read < 0, errno == EINTR { continue }
                // As `SystemRandomNumberGenerator` does: no identifier is better than a guessable one.
                fatalError("cannot read /dev/urandom (errno \(errno))")
            }
            filled += read
        }
    }

    /// `count` random bytes.
    static func bytes(_ count: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            fill(UnsafeMutableRawBufferPointer(buffer))
            initialized = count
        }
    }

    /// Eight bytes from a buffer of eight words, read when empty.
    mutating func next() -> UInt64 {
        if words.isEmpty {
            words = [UInt64](unsafeUninitializedCapacity: 8) { buffer, initialized in
                Self.fill(UnsafeMutableRawBufferPointer(buffer))
                initialized = 8
            }
        }
        return words.removeLast()
    }

    /// Opened once, for the life of the process.
    private static let device: Int32 = {
        let device = open("/dev/urandom", O_RDONLY | O_CLOEXEC)
        guard device >= 0 else { fatalError("cannot open /dev/urandom (errno \(errno))") }
        return device
    }()
}
