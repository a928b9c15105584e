import LoketDomain
import Testing

@testable import LoketStorage

/// Identifiers, secrets and appointment codes come from the kernel's random bytes, many per call.
@Suite(.timeLimit(.minutes(1))) struct KernelRandomTests {
    @Test func bytesAreAsManyAsAskedAndEveryValueTurnsUp() {
        #expect(KernelRandom.bytes(0).isEmpty)
        #expect(KernelRandom.bytes(5).count == 5)
        // In 8,192 bytes every one of the 256 values turns up (a miss has odds of 1 in 10^11).
        #expect(Set(KernelRandom.bytes(8_192)).count == 256)
        #expect(KernelRandom.bytes(32) != KernelRandom.bytes(32))
    }

    /// The generator reads again once its buffer of eight words is used up.
    @Test func theGeneratorGoesOnPastItsBuffer() {
        var generator = KernelRandom()
        let words = (0..<100).map { _ in generator.next() }
        #expect(Set(words).count == 100)
    }

    @Test func appointmentCodesAreMadeOfTheirAlphabet() {
        let codes = (0..<200).map { _ in Identifiers.appointmentCode() }
        for code in codes { #expect(AppointmentCode.normalised(code) == code) }
        #expect(Set(codes).count == 200)
    }
}
