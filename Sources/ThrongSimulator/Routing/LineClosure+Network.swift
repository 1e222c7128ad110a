public import ThrongCore

extension LineClosure {
    /// The default: Victoria line closed between King's Cross St. Pancras and Victoria.
    public static let `default` = LineClosure(line: "Victoria", from: "940GZZLUKSX", to: "940GZZLUVIC")

    /// The stations of the closed section in order (``LineClosure/section(in:)`` in
    /// ThrongCore), with the simulator's error type.
    func simulatorSection(in network: Network) throws(SimulatorError) -> [StationID] {
        do {
            return try section(in: network)
        } catch {
            throw SimulatorError(.invalidNetwork, error.message)
        }
    }

    /// The network without the line's links between consecutive stations of the section (both
    /// directions): `network.closing([self])` (ThrongCore), with the simulator's error type.
    /// Other lines and the stations themselves stay.
    public func apply(to network: Network) throws(SimulatorError) -> Network {
        do {
            return try network.closing([self])
        } catch {
            throw SimulatorError(.invalidNetwork, error.message)
        }
    }
}
