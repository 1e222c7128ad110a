import ArgumentParser
import Foundation
import Throng

/// Options every `throng query` subcommand takes.
struct QueryOptions: ParsableArguments {
    @Option(name: [.short, .long], help: "The snapshot file written by `throng batch`.")
    var snapshot: String

    @Flag(help: "Print JSON on standard output instead of a table.")
    var json = false

    @Option(help: "Which figures answer: auto (observed when covered, else typical), observed or typical.")
    var basis: Basis = .auto

    enum Basis: String, ExpressibleByArgument, CaseIterable {
        case auto, observed, typical
        var value: CrowdingBasis {
            switch self {
            case .auto: .automatic
            case .observed: .observed
            case .typical: .typical
            }
        }
    }

    func validate() throws {
        guard FileManager.default.fileExists(atPath: snapshot) else {
            throw ValidationError("--snapshot: no file at \(snapshot) (write one with `throng batch ... --out FILE`)")
        }
    }

    /// Opens the index, or exits with the error's message.
    func open() throws -> CrowdingIndex {
        do { return try CrowdingIndex(snapshotPath: snapshot) } catch { throw QueryFailure(error) }
    }

    /// Resolves a station, or exits with a message and suggestions.
    func station(_ text: String, in index: CrowdingIndex) throws -> StationDirectory.Match {
        do { return try index.stations.resolve(text) } catch { throw QueryFailure(error) }
    }

    /// Reads a time option.
    func instant(_ text: String, option: String, in index: CrowdingIndex) throws -> Int64 {
        guard let t = index.localTime.parse(text, defaultDate: index.firstServiceDate) else {
            throw ValidationError("\(option): expected 'YYYY-MM-DD HH:MM' (local), 'HH:MM', ISO-8601 with Z or offset, or epoch ms; got '\(text)'")
        }
        return t
    }

    /// Prints a JSON value.
    func printJSON(_ value: Any) {
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted, .sortedKeys])) ?? Data("{}".utf8)
        print(String(decoding: data, as: UTF8.self))
    }
}

/// A query error, reported through ``CommandFailure`` (`error: code: message`, exit 65, or 66
/// when the snapshot cannot be loaded).
struct QueryFailure: Error, CustomStringConvertible {
    let error: ThrongQueryError
    init(_ error: ThrongQueryError) { self.error = error }
    var description: String { error.description }
}

extension QueryFailure {
    /// Runs `body`, turning query errors into their message and exit status.
    static func report(_ body: () throws -> Void) throws {
        do { try body() } catch let failure as QueryFailure {
            throw CommandFailure(failure.error).report(json: false)
        } catch let error as ThrongQueryError {
            throw CommandFailure(error).report(json: false)
        }
    }
}
