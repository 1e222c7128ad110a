/// How device tokens become internal ``DeviceKey``s.
///
/// - ``unkeyed``: MurmurHash3-128 with a fixed seed (``DeviceKey/init(token:seed:)``). Anyone
///   with a token can compute its key, so keys made this way must never be written where others
///   can read them. The default for reading events in process (`AccessPointResolver`), where
///   keys never leave memory.
/// - ``keyed(_:)``: SipHash-2-4-128 under a secret 128-bit key, a pseudorandom function:
///   without the secret, a key cannot be computed from a token nor linked to one. The batch
///   engine draws a random secret per run (``random()``: keys need only agree within the run,
///   and nothing ties two runs together); a deployment that must recognise devices across
///   restarts (the live engine's checkpoint) uses a stored secret (``init(hexSecret:)``), kept
///   with mode 0600 like any credential.
public enum DeviceKeying: Sendable, Hashable {
    /// MurmurHash3-128, fixed seed.
    case unkeyed
    /// SipHash-2-4-128 under a secret key.
    case keyed(SipHash)

    /// A keyed derivation with a secret from the system's secure random generator.
    public static func random() -> DeviceKeying { .keyed(.random()) }

    /// A keyed derivation from 32 hex digits (a deployment secret); nil if malformed.
    public init?(hexSecret: String) {
        guard hexSecret.count == 32, let hi = UInt64(hexSecret.prefix(16), radix: 16), let lo = UInt64(hexSecret.suffix(16), radix: 16) else { return nil }
        self = .keyed(SipHash(k0: hi, k1: lo))
    }

    /// The key of a token's bytes.
    @inlinable
    public func key(_ token: UnsafeRawBufferPointer) -> DeviceKey {
        switch self {
        case .unkeyed: return DeviceKey(token: token)
        case .keyed(let sip):
            let (h, l) = sip.hash128(token)
            return DeviceKey(high: h, low: l)
        }
    }

    /// The key of a token string.
    public func key(token: String) -> DeviceKey {
        var copy = token
        return copy.withUTF8 { key(UnsafeRawBufferPointer($0)) }
    }

    /// `unkeyed` or `keyed` (never the secret), for run records.
    public var kind: String {
        switch self {
        case .unkeyed: "unkeyed"
        case .keyed: "keyed"
        }
    }
}
