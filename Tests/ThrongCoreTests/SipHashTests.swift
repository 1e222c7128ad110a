import Testing
import ThrongCore

/// SipHash-2-4 against the reference implementation's test vectors.
@Suite struct SipHashTests {
    @Test func referenceVectors() {
        // Key 00 01 … 0f, messages 00 01 … (n-1): vectors from the SipHash paper's reference code.
        let h = SipHash(k0: 0x0706_0504_0302_0100, k1: 0x0f0e_0d0c_0b0a_0908)
        let expected: [Int: UInt64] = [0: 0x726f_db47_dd0e_0e31, 1: 0x74f8_39c5_93dc_67fd, 8: 0x93f5_f579_9a93_2462, 15: 0xa129_ca61_49be_45e5]
        for (n, value) in expected {
            let message = (0..<n).map { UInt8($0) }
            #expect(message.withUnsafeBytes { h.hash($0) } == value, "length \(n)")
        }
        #expect(h.pseudonym("abc").count == 20)
        #expect(SipHash.random() != SipHash.random())
    }

    @Test func referenceVector128() {
        let h = SipHash(k0: 0x0706_0504_0302_0100, k1: 0x0f0e_0d0c_0b0a_0908)
        // vectors_sip128[0] of the reference implementation: a3 81 7f 04 ba 25 a8 e6 6d f6 72 14 c7 55 02 93.
        let (high, low) = [UInt8]().withUnsafeBytes { h.hash128($0) }
        #expect(low == 0xe6a8_25ba_047f_81a3)
        #expect(high == 0x9302_55c7_1472_f66d)
    }
}
