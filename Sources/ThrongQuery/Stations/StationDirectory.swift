public import ThrongCore

/// Finds stations by NaPTAN code, by name (forgivingly) or by TfL hub code.
///
/// Stations whose counts TfL publishes under another station (`counts_nlc`, e.g. Monument under
/// Bank) *answer as* that station: ``resolve(_:)`` returns the station whose figures are used and
/// says which one was asked for.
public struct StationDirectory: Sendable {
    /// The outcome of a lookup.
    public struct Match: Hashable, Sendable {
        /// The station whose figures answer (Bank for Monument).
        public var station: StationID
        /// The station that was asked for (equal to ``station`` unless it answers as another).
        public var requested: StationID
    }

    private let network: IndexedNetwork
    private let byNaptan: [String: StationID]
    private let byKey: [String: [StationID]]
    private let byHub: [String: [StationID]]
    private let answersAs: [StationID?]

    /// Builds the directory; `hubs` maps TfL hub codes (`HUBKGX`) to NaPTAN codes.
    public init(network: IndexedNetwork, hubs: [String: [String]] = LondonHubs.codes) {
        self.network = network
        var byNaptan: [String: StationID] = [:]
        var byKey: [String: [StationID]] = [:]
        for (i, s) in network.stations.enumerated() {
            let id = StationID(UInt16(i))
            byNaptan[s.naptan.uppercased()] = id
            byKey[StationNameKey.normalize(s.name), default: []].append(id)
            if s.displayName != s.name { byKey[StationNameKey.normalize(s.displayName), default: []].append(id) }
        }
        var byHub: [String: [StationID]] = [:]
        for (hub, naptans) in hubs {
            let ids = naptans.compactMap { byNaptan[$0.uppercased()] }
            if !ids.isEmpty { byHub[hub.uppercased()] = ids.sorted() }
        }
        var byNLC: [Int: StationID] = [:]
        for (i, s) in network.stations.enumerated() {
            if let nlc = s.nlc, byNLC[nlc] == nil { byNLC[nlc] = StationID(UInt16(i)) }
        }
        self.answersAs = network.stations.map { s in
            guard let counts = s.countsNLC, counts != s.nlc, let host = byNLC[counts] else { return nil }
            return host
        }
        self.byNaptan = byNaptan
        self.byKey = byKey
        self.byHub = byHub
    }

    /// The station whose figures answer for `station` (Bank for Monument; itself otherwise).
    public func answering(for station: StationID) -> StationID { answeringStation(station) }

    func answeringStation(_ station: StationID) -> StationID {
        station.index < answersAs.count ? (answersAs[station.index] ?? station) : station
    }

    /// Whether the id names a station of the network.
    public func contains(_ station: StationID) -> Bool { station.index < answersAs.count }

    /// The station with this NaPTAN code (case-insensitive), without answering-as.
    public func station(naptan: String) -> StationID? { byNaptan[naptan.uppercased()] }

    /// The stations of a TfL hub code (`HUBPAD`: both Paddington stations), empty if unknown.
    public func stations(hub: String) -> [StationID] { byHub[hub.uppercased()] ?? [] }

    /// Resolves a NaPTAN code, a hub code or a name; a name may also be the start of exactly
    /// one station's name, up to a word boundary (`Kings Cross` for King's Cross St Pancras).
    ///
    /// - Throws: ``ThrongQueryError/Code/unknownStation`` with the closest names as suggestions;
    ///   ``ThrongQueryError/Code/ambiguousStation`` with the competing display names (a bare
    ///   `Paddington`, or a hub of several stations).
    public func resolve(_ query: String) throws(ThrongQueryError) -> Match {
        let trimmed = query.trimmingSpaces()
        if let id = byNaptan[trimmed.uppercased()] { return Match(station: answeringStation(id), requested: id) }
        if let ids = byHub[trimmed.uppercased()] { return try unique(ids, query: trimmed) }
        let key = StationNameKey.normalize(trimmed)
        if let ids = byKey[key] { return try unique(ids, query: trimmed) }
        // A unique name that starts with the query at a word boundary ("Kings Cross").
        if key.count >= 4 {
            let prefixed = byKey.filter { $0.key.hasPrefix(key + " ") }.flatMap(\.value)
            if !prefixed.isEmpty, Set(prefixed).count == 1 || Set(prefixed.map { network.stations[$0.index].name }).count == 1 {
                return try unique(prefixed, query: trimmed)
            }
        }
        throw ThrongQueryError(.unknownStation, "no station is called or coded '\(trimmed)'", suggestions: suggestions(for: key))
    }

    private func unique(_ ids: [StationID], query: String) throws(ThrongQueryError) -> Match {
        let distinct = Array(Set(ids)).sorted()
        if distinct.count == 1 { return Match(station: answeringStation(distinct[0]), requested: distinct[0]) }
        throw ThrongQueryError(
            .ambiguousStation, "'\(query)' names \(distinct.count) stations",
            suggestions: distinct.map { network.stations[$0.index].displayName }
        )
    }

    /// Up to five display names closest to `key` (prefix matches first, then edit distance).
    private func suggestions(for key: String) -> [String] {
        guard !key.isEmpty else { return [] }
        var scored: [(Int, String)] = []
        for s in network.stations {
            let k = StationNameKey.normalize(s.displayName)
            let score = k.hasPrefix(key) || k.contains(key) ? 0 : StationNameKey.distance(key, k)
            scored.append((score, s.displayName))
        }
        scored.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        let limit = max(2, key.count / 3)
        return scored.prefix(5).filter { $0.0 <= limit }.map(\.1)
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
