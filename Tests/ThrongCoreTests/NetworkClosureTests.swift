import Testing
import ThrongCore

/// `LineClosure` parsing and `Network.closing(_:)`.
@Suite("Network closures")
struct NetworkClosureTests {
    /// Red line A–B–C–D–E, Blue line B–X–D (a detour around C), Blue also B–C.
    static let network: Network = {
        var b = TestNetworkBuilder()
        b.addLine("Red", "EB", ["A", "B", "C", "D", "E"], minutes: [2, 2, 2, 2])
        b.addLine("Blue", "NB", ["B", "X", "D"], minutes: [3, 3])
        b.addLine("Blue", "NB", ["B", "C"], minutes: [4])
        return b.build()
    }()

    static func has(_ n: Network, _ line: String, _ from: String, _ to: String) -> Bool {
        n.links.contains { $0.line == n.lid(line) && $0.from == n.sid(from) && $0.to == n.sid(to) }
    }

    @Test func parsesLineFromTo() throws {
        let c = try #require(LineClosure(parsing: "Hammersmith & City:940GZZLUKSX-940GZZLUVIC"))
        #expect(c == LineClosure(line: "Hammersmith & City", from: "940GZZLUKSX", to: "940GZZLUVIC"))
        #expect(c.description == "Hammersmith & City:940GZZLUKSX-940GZZLUVIC")
        #expect(LineClosure(parsing: "Victoria") == nil)
        #expect(LineClosure(parsing: ":A-B") == nil)
        #expect(LineClosure(parsing: "Victoria:A") == nil)
        #expect(LineClosure(parsing: "Victoria:A-B-C") == nil)
    }

    @Test func closingRemovesTheSectionBothWaysOnThatLineOnly() throws {
        let n = Self.network
        let closed = try n.closing([LineClosure(line: "Red", from: "NB", to: "ND")])
        #expect(try LineClosure(line: "Red", from: "NB", to: "ND").section(in: n) == [n.sid("B"), n.sid("C"), n.sid("D")])
        for (a, b) in [("B", "C"), ("C", "B"), ("C", "D"), ("D", "C")] {
            #expect(Self.has(n, "Red", a, b))
            #expect(!Self.has(closed, "Red", a, b), "Red \(a)→\(b) still open")
        }
        #expect(closed.links.count == n.links.count - 4)
        // The rest of the line and the other line (also between B and C) stay.
        for (line, a, b) in [("Red", "A", "B"), ("Red", "B", "A"), ("Red", "D", "E"), ("Blue", "B", "C"), ("Blue", "C", "B"), ("Blue", "X", "D")] {
            #expect(Self.has(closed, line, a, b), "\(line) \(a)→\(b) removed")
        }
        // Stations, lines, access points and interchanges keep their ids.
        #expect(closed.stations == n.stations)
        #expect(closed.lines == n.lines)
        #expect(closed.accessPoints == n.accessPoints)
        #expect(closed.accessPointByID == n.accessPointByID)
        // Outgoing lists follow the renumbered links.
        for (s, out) in closed.outgoing.enumerated() {
            for l in out { #expect(closed.links[l.index].from == StationID(UInt16(s))) }
        }
    }

    @Test func closuresComposeAndNoneIsIdentity() throws {
        let n = Self.network
        #expect(try n.closing([]).links == n.links)
        let both = try n.closing([
            LineClosure(line: "Red", from: "NA", to: "NC"), LineClosure(line: "Red", from: "NB", to: "ND"),
            LineClosure(line: "Blue", from: "NX", to: "NB"),
        ])
        #expect(!Self.has(both, "Red", "A", "B") && !Self.has(both, "Red", "C", "D") && !Self.has(both, "Blue", "X", "B"))
        #expect(Self.has(both, "Red", "D", "E") && Self.has(both, "Blue", "X", "D"))
        #expect(both.links.count == n.links.count - 6 - 2)
    }

    @Test func rejectsUnknownOrDisconnectedSections() {
        let n = Self.network
        for c in [
            LineClosure(line: "Green", from: "NA", to: "NB"), LineClosure(line: "Red", from: "NA", to: "NZ"),
            LineClosure(line: "Red", from: "NA", to: "NX"), LineClosure(line: "Red", from: "NA", to: "NA"),
        ] {
            let error = #expect(throws: ThrongCoreError.self) { try n.closing([c]) }
            #expect(error?.code == .invalidNetwork, "\(c)")
        }
    }
}
