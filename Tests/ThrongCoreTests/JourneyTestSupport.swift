import ThrongCore

/// Builds one device's events from (seconds after `t0`, access point id) pairs.
struct DeviceScript {
    static let t0: Int64 = 1_763_982_000_000  // a weekday, 11:00 UTC (inter-peak)
    let network: Network
    let device = DeviceKey(token: "device-1")

    func events(_ pings: [(Int, String)], skew: [String: Int] = [:]) -> [Event] {
        pings.map { (s, ap) in
            let station = String(ap.prefix { $0 != "-" })
            let offset = skew[station] ?? 0
            return Event(time: Self.t0 + Int64(s + offset) * 1000, device: device, accessPoint: network.ap(ap))
        }
    }

    func reconstruct(_ events: [Event], parameters: ReconstructionParameters = .default) -> DeviceOutcome {
        var copy = events
        var r = JourneyReconstructor(network: network, parameters: parameters, routes: RouteCache(network: network))
        return r.reconstruct(events: &copy)
    }
}
