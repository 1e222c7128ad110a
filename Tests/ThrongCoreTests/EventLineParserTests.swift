import Testing
@testable import ThrongCore

/// A one-station network with access points `KGX-TH-1`, `KGX-PL-NB`, `Zoë-1` (non-ASCII).
func parserTestNetwork() -> Network {
    let station = Station(
        naptan: "940GZZLUKSX", name: "King's Cross St. Pancras", nlc: 628, countsNLC: 628,
        latitude: 51.53, longitude: -0.12, fareZones: [1], lines: [LineID(0)], platforms: 2)
    return Network(
        lines: ["Victoria"], stations: [station], links: [],
        accessPoints: [
            AccessPoint(id: "KGX-TH-1", station: StationID(0), area: .ticketHall),
            AccessPoint(id: "KGX-PL-NB", station: StationID(0), area: .platform, line: LineID(0), direction: "NB"),
            AccessPoint(id: "Zoë-1", station: StationID(0), area: .corridor),
        ],
        interchanges: [])
}

@Suite struct EventLineParserTests {
    let resolver = AccessPointResolver(network: parserTestNetwork())

    func parse(_ line: String) -> EventLineParser.ParseResult {
        var copy = line
        return copy.withUTF8 { EventLineParser.parse(UnsafeRawBufferPointer($0), resolver: resolver) }
    }

    func parseBytes(_ bytes: [UInt8]) -> EventLineParser.ParseResult {
        bytes.withUnsafeBytes { EventLineParser.parse($0, resolver: resolver) }
    }

    func millis(_ line: String) -> Int64? {
        if case .event(let e) = parse(line) { return e.time }
        return nil
    }

    func reason(_ line: String) -> RejectReason? {
        if case .rejected(let r) = parse(line) { return r }
        return nil
    }

    @Test func acceptsEpochMillis() {
        let result = parse("1479715200000,abc123,KGX-TH-1")
        #expect(result == .event(Event(time: 1_479_715_200_000, device: DeviceKey(token: "abc123"), accessPoint: AccessPointID(0))))
    }

    @Test func resolvesEachAccessPoint() {
        #expect(parse("0,d,KGX-PL-NB") == .event(Event(time: 0, device: DeviceKey(token: "d"), accessPoint: AccessPointID(1))))
        #expect(parse("0,d,Zoë-1") == .event(Event(time: 0, device: DeviceKey(token: "d"), accessPoint: AccessPointID(2))))
    }

    @Test func crlfAndExtraFields() {
        #expect(millis("1000,dev,KGX-TH-1\r") == 1000)
        #expect(millis("1000,dev,KGX-TH-1,extra,fields,-92") == 1000)
        #expect(millis("1000,dev,KGX-TH-1,\r") == 1000)
    }

    @Test func isoForms() {
        #expect(millis("2016-11-21T08:00:00Z,d,KGX-TH-1") == 1_479_715_200_000)
        #expect(millis("2016-11-21T08:00:00.123Z,d,KGX-TH-1") == 1_479_715_200_123)
        #expect(millis("2016-11-21T08:00:00.1Z,d,KGX-TH-1") == 1_479_715_200_100)
        #expect(millis("2016-11-21T08:00:00.1239999Z,d,KGX-TH-1") == 1_479_715_200_123)  // truncated, not rounded
        #expect(millis("2016-11-21T09:00:00+01:00,d,KGX-TH-1") == 1_479_715_200_000)
        #expect(millis("2016-11-21T09:30:00+0130,d,KGX-TH-1") == 1_479_715_200_000)
        #expect(millis("2016-11-21T03:00:00-05:00,d,KGX-TH-1") == 1_479_715_200_000)
        #expect(millis("2016-11-21T08:00:00-00:00,d,KGX-TH-1") == 1_479_715_200_000)
        #expect(millis("1970-01-01T00:00:00Z,d,KGX-TH-1") == 0)
        #expect(millis("9999-12-31T23:59:59.999Z,d,KGX-TH-1") == Timestamp.maxMillis)
    }

    @Test func leapDays() {
        #expect(millis("2016-02-29T00:00:00Z,d,KGX-TH-1") == 1_456_704_000_000)
        #expect(millis("2000-02-29T00:00:00Z,d,KGX-TH-1") == 951_782_400_000)
        #expect(reason("2015-02-29T00:00:00Z,d,KGX-TH-1") == .badTimestamp)
        #expect(reason("2100-02-29T00:00:00Z,d,KGX-TH-1") == .badTimestamp)
        #expect(millis("2016-03-01T00:00:00Z,d,KGX-TH-1") == 1_456_790_400_000)
    }

    @Test func civilArithmeticMatchesDayByDay() {
        // Walk every day from 1970 to 2100 and check days-from-civil against a counter.
        var days: Int64 = 0
        for year in Int64(1970)...2100 {
            for month in Int64(1)...12 {
                var day: Int64 = 1
                while Timestamp.isValidDate(year: year, month: month, day: day) {
                    #expect(Timestamp.daysFromCivil(year: year, month: month, day: day) == days)
                    let back = Timestamp.civilFromDays(days)
                    #expect(back.year == year && back.month == month && back.day == day)
                    days += 1
                    day += 1
                }
            }
        }
        #expect(days == 131 * 365 + 32)  // 1970-01-01 … 2100-12-31: 32 leap days (2100 is not one)
        #expect(Timestamp.iso8601(millis: 1_479_715_200_123) == "2016-11-21T08:00:00.123Z")
    }

    @Test func badTimestamps() {
        for ts in [
            "", "abc", "12a4", "+1000", "2016-11-21T08:00:00", "2016-11-21 08:00:00Z", "2016-13-01T00:00:00Z",
            "2016-00-01T00:00:00Z", "2016-04-31T00:00:00Z", "2016-11-21T24:00:00Z", "2016-11-21T08:60:00Z",
            "2016-11-21T08:00:60Z", "2016-11-21T08:00:00.Z", "2016-11-21T08:00:00+1:00", "2016-11-21T08:00:00+01:60",
            "2016-11-21T08:00:00ZZ", "2016-11-21T08:00:00+01:00:00", "16-11-21T08:00:00Z", "2016-11-21t08:00:00z", "-",
        ] {
            #expect(reason("\(ts),d,KGX-TH-1") == .badTimestamp, "\(ts)")
        }
    }

    @Test func timestampsOutOfRange() {
        for ts in ["-1", "253402300800000", "1234567890123456789", "1969-12-31T23:59:59.999Z",
                   "1970-01-01T00:30:00+01:00", "9999-12-31T23:59:59-01:00", "0001-01-01T00:00:00Z"] {
            #expect(reason("\(ts),d,KGX-TH-1") == .timestampOutOfRange, "\(ts)")
        }
        #expect(millis("253402300799999,d,KGX-TH-1") == 253_402_300_799_999)
    }

    @Test func devices() {
        #expect(millis("1,AZaz09+/=_-,KGX-TH-1") == 1)
        #expect(reason("1,,KGX-TH-1") == .badDevice)
        #expect(reason("1,dev ice,KGX-TH-1") == .badDevice)
        #expect(reason("1,dev.ice,KGX-TH-1") == .badDevice)
        #expect(reason("1,dév,KGX-TH-1") == .badDevice)
        #expect(millis("1,\(String(repeating: "x", count: 128)),KGX-TH-1") == 1)
        #expect(reason("1,\(String(repeating: "x", count: 129)),KGX-TH-1") == .deviceTooLong)
        // Distinct tokens, distinct keys; the key is the hash of exactly the token bytes.
        if case .event(let a) = parse("1,abc,KGX-TH-1"), case .event(let b) = parse("1,abd,KGX-TH-1") {
            #expect(a.device != b.device)
            #expect(a.device == DeviceKey(token: "abc"))
        } else {
            Issue.record("expected two events")
        }
    }

    @Test func accessPoints() {
        #expect(reason("1,d,") == .badAccessPoint)
        #expect(reason("1,d,,x") == .badAccessPoint)
        #expect(reason("1,d,KGX\tTH") == .badAccessPoint)
        #expect(reason("1,d,\(String(repeating: "a", count: 65))") == .badAccessPoint)
        #expect(reason("1,d,\(String(repeating: "a", count: 64))") == .unknownAccessPoint)
        #expect(reason("1,d,\(String(repeating: "é", count: 64))") == .unknownAccessPoint)  // 64 chars, 128 bytes
        #expect(reason("1,d,KGX-TH-2") == .unknownAccessPoint)
        #expect(reason("1,d,kgx-th-1") == .unknownAccessPoint)  // case-sensitive
        #expect(reason("1,d,KGX-TH-1 ") == .unknownAccessPoint)  // not trimmed
    }

    @Test func c1ControlsAndLineSeparatorsInAccessPointsAreBad() {
        // C1 controls (U+0080–U+009F, U+0085 NEXT LINE among them) and the line and paragraph
        // separators break lines in some tools: like C0 controls they make the id bad.
        for scalar in [0x80, 0x85, 0x9F, 0x2028, 0x2029] {
            let c = String(Character(Unicode.Scalar(UInt32(scalar))!))
            #expect(reason("1,d,KGX\(c)TH") == .badAccessPoint, "U+\(String(scalar, radix: 16))")
            #expect(reason("1,d,\(c)") == .badAccessPoint, "U+\(String(scalar, radix: 16))")
            #expect(reason("1,d,Zoë-1\(c),extra") == .badAccessPoint, "U+\(String(scalar, radix: 16))")
        }
        // Their neighbours are ordinary characters.
        for scalar in [0xA0, 0x2027, 0x202A, 0x2030, 0x0100] {
            let c = String(Character(Unicode.Scalar(UInt32(scalar))!))
            #expect(reason("1,d,KGX\(c)TH") == .unknownAccessPoint, "U+\(String(scalar, radix: 16))")
        }
        #expect(reason("1,d,\(String(repeating: "\u{2028}", count: 3))") == .badAccessPoint)
        #expect(parse("0,d,Zoë-1") == .event(Event(time: 0, device: DeviceKey(token: "d"), accessPoint: AccessPointID(2))))
    }

    @Test func structuralRejects() {
        #expect(reason("") == .emptyLine)
        #expect(reason("\r") == .emptyLine)
        #expect(reason("1000") == .missingFields)
        #expect(reason("1000,dev") == .missingFields)
        #expect(reason("1000,dev,\(String(repeating: "x", count: 5000))") == .lineTooLong)
        var bad = Array("1000,dev,KGX-TH-1".utf8)
        bad.append(0xFF)
        #expect(parseBytes(bad) == .rejected(.invalidUTF8))
        #expect(parseBytes(Array("1000,d,AP".utf8) + [0xED, 0xA0, 0x80]) == .rejected(.invalidUTF8))  // surrogate
        #expect(parseBytes(Array("1000,d,AP".utf8) + [0xC0, 0xAF]) == .rejected(.invalidUTF8))  // overlong
        #expect(parseBytes(Array("1000,d,AP".utf8) + [0xE2, 0x82]) == .rejected(.invalidUTF8))  // cut
        // A line of exactly the maximum length is not too long (it fails later, on the AP).
        let exact = "1,d," + String(repeating: "x", count: EventLineParser.maxLineLength - 4)
        #expect(reason(exact) == .badAccessPoint)
    }

    @Test func header() {
        func isHeader(_ s: String) -> Bool {
            var c = s
            return c.withUTF8 { EventLineParser.isHeader(UnsafeRawBufferPointer($0)) }
        }
        #expect(isHeader("timestamp,device,ap"))
        #expect(isHeader("timestamp"))
        #expect(!isHeader("time,device,ap"))
        #expect(!isHeader("1000,timestamp,ap"))
        #expect(reason("timestamp,device,ap") == .badTimestamp)  // the parser itself does not skip headers
    }

    @Test func rejectCodesAreStableAndDistinct() {
        let codes = RejectReason.allCases.map(\.code)
        #expect(Set(codes).count == RejectReason.allCases.count)
        #expect(RejectReason.badTimestamp.code == "badTimestamp")
        #expect(RejectReason.allCases.filter(\.isFileLevel) == [.truncatedFrame, .corruptFrame, .unreadableFile])
    }

    @Test func resolverHandlesManyIDs() {
        let pairs = (0..<5000).map { ("AP-\($0)-\(String(repeating: "z", count: $0 % 40))", AccessPointID(UInt32($0))) }
        let r = AccessPointResolver(pairs: pairs)
        #expect(r.count == 5000)
        for (name, id) in pairs {
            var c = name
            #expect(c.withUTF8 { r.lookup(UnsafeRawBufferPointer($0)) } == id)
        }
        var missing = "AP-5000-"
        #expect(missing.withUTF8 { r.lookup(UnsafeRawBufferPointer($0)) } == nil)
        // The last of duplicate ids wins.
        let dup = AccessPointResolver(pairs: [("A", AccessPointID(1)), ("A", AccessPointID(7))])
        var a = "A"
        #expect(dup.count == 1)
        #expect(a.withUTF8 { dup.lookup(UnsafeRawBufferPointer($0)) } == AccessPointID(7))
    }
}
