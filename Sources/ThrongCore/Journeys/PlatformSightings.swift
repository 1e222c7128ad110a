/// The platforms seen during a visit, in order of first sighting, each once.
///
/// Most visits see one or two platforms (a stop on the train; a change of line), so the first
/// two sightings are stored inline and only a third or later goes to an array: forming visits
/// and copying them allocates nothing and retains nothing in the usual case.
public struct PlatformSightings: RandomAccessCollection, MutableCollection, Hashable, Sendable, ExpressibleByArrayLiteral {
    private var inline0: PlatformSighting
    private var inline1: PlatformSighting
    private var inlineCount: UInt8
    /// Sightings after the first two; `nil` while there are at most two.
    private var overflow: [PlatformSighting]?

    private static let vacant = PlatformSighting(line: LineID(0), accessPoint: AccessPointID(0), firstTime: 0)

    /// No sightings.
    public init() {
        inline0 = Self.vacant
        inline1 = Self.vacant
        inlineCount = 0
        overflow = nil
    }

    /// The sightings of `elements`, in their order.
    public init<S: Sequence>(_ elements: S) where S.Element == PlatformSighting {
        self.init()
        for s in elements { append(s) }
    }

    /// The sightings of the literal, in order.
    public init(arrayLiteral elements: PlatformSighting...) {
        self.init(elements)
    }

    /// Always 0.
    public var startIndex: Int { 0 }
    /// The number of sightings.
    public var endIndex: Int { Int(inlineCount) + (overflow?.count ?? 0) }
    /// The number of sightings.
    public var count: Int { endIndex }
    /// True if no platform was seen.
    public var isEmpty: Bool { inlineCount == 0 }

    /// The sighting at `position`.
    public subscript(position: Int) -> PlatformSighting {
        get {
            precondition(position >= 0 && position < endIndex, "PlatformSightings index out of range")
            switch position {
            case 0: return inline0
            case 1: return inline1
            default: return overflow![position - 2]
            }
        }
        set {
            precondition(position >= 0 && position < endIndex, "PlatformSightings index out of range")
            switch position {
            case 0: inline0 = newValue
            case 1: inline1 = newValue
            default: overflow![position - 2] = newValue
            }
        }
    }

    /// Adds a sighting at the end.
    public mutating func append(_ sighting: PlatformSighting) {
        switch inlineCount {
        case 0: inline0 = sighting; inlineCount = 1
        case 1: inline1 = sighting; inlineCount = 2
        default:
            if overflow == nil { overflow = [sighting] } else { overflow!.append(sighting) }
        }
    }

    /// The same sightings in the same order (the unused inline slots are not compared).
    public static func == (a: Self, b: Self) -> Bool { a.elementsEqual(b) }

    /// Hashes what `==` compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for s in self { hasher.combine(s) }
    }
}
