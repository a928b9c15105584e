#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Random bytes from the kernel, fetched many at a time: `SystemRandomNumberGenerator` makes a
/// system call for every eight bytes, so a hold's id and secret and an appointment's code took
/// fourteen, on the writer's thread that every booking waits for (8% of its time). Here one
/// `getentropy` (the kernel's `getrandom`: no file, and it waits until the kernel is seeded)
/// fills a buffer. Hand-written: neither the standard library nor swift-crypto offers a fill of
/// many bytes.
struct KernelRandom: RandomNumberGenerator {
    private var words: [UInt64] = []

    /// Fills `buffer` with random bytes, 256 at most per call (`getentropy`'s limit).
    static func fill(_ buffer: UnsafeMutableRawBufferPointer) {
        var filled = 0
        while filled < buffer.count {
            let count = min(256, buffer.count - filled)
            // As `SystemRandomNumberGenerator` does: no identifier is better than a guessable one.
            guard getentropy(buffer.baseAddress! + filled, count) == 0 else {
                fatalError("the kernel gave no random bytes (errno \(errno))")
            }
            filled += count
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
}
