import Testing
import ThrongBatch
import ThrongCore

/// The run record names every reconstruction and route parameter (hardening, small defects).
@Suite struct RunRecordTests {
    func snake(_ name: String) -> String {
        var out = ""
        for c in name {
            if c.isUppercase { out += "_" + c.lowercased() } else { out.append(c) }
        }
        return out.hasSuffix("_millis") ? String(out.dropLast("_millis".count)) + "_ms" : out
    }

    @Test func everyParameterIsRecorded() {
        let record = BatchConfiguration().record
        let reconstruction = Mirror(reflecting: ReconstructionParameters.default).children.compactMap(\.label)
        #expect(reconstruction.count == 22)
        for label in reconstruction { #expect(record[snake(label)] != nil, "\(label)") }
        let route = Mirror(reflecting: RouteParameters.default).children.compactMap(\.label)
        for label in route {
            let key = label == "headwayByLineName" ? "route_headways" : "route_" + snake(label)
            #expect(record[key] != nil, "\(label)")
        }
    }
}
