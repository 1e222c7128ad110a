import Foundation
import Synchronization
import ThrongCore
import ThrongIO

/// The opt-in journey export (`throng batch --export-journeys FILE`): one row per
/// reconstructed journey, the only per-device output Throng can write.
///
/// Device keys never leave the process: each device is written under a pseudonym, a hash
/// of its key with a random salt drawn for this run and then forgotten, so pseudonyms
/// cannot be linked to tokens nor across runs. Rows are not disclosure-controlled: the
/// command warns before writing them. Collection takes one lock per device (only when the
/// export is asked for); rows are sorted before writing so the file is deterministic but
/// for the pseudonyms.
final class JourneyExport: Sendable {
    private struct Row: Sendable {
        var pseudonym: String
        var journey: ReconstructedJourney
    }

    private let rows = Mutex<[Row]>([])
    private let salt: (UInt64, UInt64)

    init() {
        var g = SystemRandomNumberGenerator()
        salt = (g.next(), g.next())
    }

    /// The batch observer: records every journey of a passenger device.
    func observe(_ device: DeviceKey, _ outcome: DeviceOutcome) {
        guard outcome.classification == .passenger, !outcome.journeys.isEmpty else { return }
        var bytes = [UInt8]()
        for v in [device.high ^ salt.0, device.low ^ salt.1, salt.0 &+ salt.1] {
            withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
        }
        let key = bytes.withUnsafeBytes { DeviceKey(token: $0, seed: salt.1) }
        let hex = String(key.high, radix: 16)
        let pseudonym = String(repeating: "0", count: 16 - hex.count) + hex
        let new = outcome.journeys.map { Row(pseudonym: pseudonym, journey: $0) }
        rows.withLock { $0.append(contentsOf: new) }
    }

    /// Writes `pseudonym,origin,destination,entry_ms,exit_ms,observed_origin,observed_destination,route,confidence`.
    func write(to path: String, network: Network) throws {
        let all = rows.withLock { $0 }.sorted {
            ($0.journey.entryTime, $0.journey.origin, $0.journey.destination, $0.pseudonym)
                < ($1.journey.entryTime, $1.journey.origin, $1.journey.destination, $1.pseudonym)
        }
        var out = try ZstdWriter(path: path)
        try out.write("pseudonym,origin,destination,entry_ms,exit_ms,observed_origin,observed_destination,route,confidence\n")
        for row in all {
            let j = row.journey
            let route = j.inference.map { "\"" + $0.chosen.route.name(in: network) + "\"" } ?? ""
            let confidence = j.inference.map { String(format: "%.4f", $0.confidence) } ?? ""
            try out.write("\(row.pseudonym),\(network.stations[j.origin.index].naptan),\(network.stations[j.destination.index].naptan),"
                + "\(j.entryTime),\(j.exitTime),\(j.observedOrigin),\(j.observedDestination),\(route),\(confidence)\n")
        }
        try out.finish()
    }
}
