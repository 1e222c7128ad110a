/// Direction codes interned as small integers, so matching a platform sighting's direction
/// against a route's links compares bytes instead of strings.
///
/// Codes are assigned to the network's link directions compared case-insensitively (the rule
/// of path inference), in sorted order from 1: the same network always gives the same codes.
/// 0 means "no direction"; ``noMatch`` a direction no link has.
package struct DirectionCodes: Sendable {
    /// A sighting without a direction.
    package static let none: UInt8 = 0
    /// A direction that no link of the network has (matches nothing).
    package static let noMatch: UInt8 = 254
    /// Not resolved: compare the strings (sightings made outside a reconstructor).
    package static let unresolved: UInt8 = 255

    private let codeOf: [String: UInt8]
    /// Per link: its direction's code.
    package let linkCodes: [UInt8]
    /// Per link: its from and to stations (raw ids).
    package let linkFrom: [UInt16], linkTo: [UInt16]

    package init(network: Network) {
        let names = Set(network.links.map { $0.direction.uppercased() }).sorted()
        var codes: [String: UInt8] = [:]
        for (i, name) in names.enumerated() where i < 250 { codes[name] = UInt8(i + 1) }
        codeOf = codes
        linkCodes = network.links.map { codes[$0.direction.uppercased()] ?? Self.noMatch }
        linkFrom = network.links.map(\.from.rawValue)
        linkTo = network.links.map(\.to.rawValue)
    }

    /// The code of a sighting's direction.
    package func code(_ direction: String?) -> UInt8 {
        guard let direction else { return Self.none }
        return codeOf[direction.uppercased()] ?? Self.noMatch
    }
}
