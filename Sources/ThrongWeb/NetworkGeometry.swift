import Foundation
package import ThrongCore
package import ThrongQuery

/// The network drawn on a map: stations projected from their coordinates into a 1000-unit-wide
/// box (equirectangular, scaled by the cosine of the mean latitude), each line's links as
/// segments, and TfL's line colours.
package struct NetworkGeometry: Sendable {
    package struct Point: Sendable { package var x: Double; package var y: Double }

    package let network: Network
    package let indexed: IndexedNetwork
    package let points: [Point]
    package let width: Double
    package let height: Double
    package let observed: [Bool]?

    /// TfL's published line colours (unknown lines are grey).
    package static let colours: [String: String] = [
        "Bakerloo": "#B36305", "Central": "#E32017", "Circle": "#FFD300", "District": "#00782A",
        "Hammersmith & City": "#F3A9BB", "Jubilee": "#A0A5A9", "Metropolitan": "#9B0056", "Northern": "#000000",
        "Piccadilly": "#003688", "Victoria": "#0098D4", "Waterloo & City": "#95CDBA",
        "Elizabeth": "#6950A1", "DLR": "#00A4A7", "Overground": "#EE7C0E",
    ]

    package init(network: Network, indexed: IndexedNetwork, observed: [Bool]?, width: Double = 1000, margin: Double = 20) {
        self.network = network
        self.indexed = indexed
        self.observed = observed
        let lats = network.stations.map(\.latitude), lons = network.stations.map(\.longitude)
        let minLat = lats.min() ?? 0, maxLat = lats.max() ?? 1, minLon = lons.min() ?? 0, maxLon = lons.max() ?? 1
        let meanLat = (minLat + maxLat) / 2
        let k = cos(meanLat * .pi / 180)
        let spanX = max(1e-9, (maxLon - minLon) * k), spanY = max(1e-9, maxLat - minLat)
        let scale = (width - 2 * margin) / spanX
        self.width = width
        self.height = (spanY * scale + 2 * margin).rounded()
        self.points = network.stations.map { s in
            Point(x: margin + (s.longitude - minLon) * k * scale, y: margin + (maxLat - s.latitude) * scale)
        }
    }

    /// `{"width","height","lines":[{name,colour}],"stations":[{i,naptan,name,x,y,lines,observed}],"links":[{i,line,from,to,direction}]}`.
    package func json() -> [UInt8] {
        var w = JSONWriter(capacity: 96 * 1024)
        w.object { o in
            o.member("width", width)
            o.member("height", height)
            o.array("lines") { a in
                for name in network.lines {
                    a.object { x in x.member("name", name); x.member("colour", Self.colours[name] ?? "#888888") }
                }
            }
            o.array("stations") { a in
                for (i, s) in indexed.stations.enumerated() {
                    a.object { x in
                        x.member("i", i)
                        x.member("naptan", s.naptan)
                        x.member("name", s.displayName)
                        x.member("x", points[i].x, digits: 1)
                        x.member("y", points[i].y, digits: 1)
                        x.array("lines") { l in for line in s.lines { l.value(Int(line.rawValue)) } }
                        x.member("observed", observed?[i] ?? true)
                    }
                }
            }
            o.array("links") { a in
                for (i, l) in indexed.links.enumerated() {
                    a.object { x in
                        x.member("i", i)
                        x.member("line", Int(l.line.rawValue))
                        x.member("from", Int(l.from.rawValue))
                        x.member("to", Int(l.to.rawValue))
                        x.member("direction", l.direction)
                    }
                }
            }
        }
        return w.bytes
    }
}
