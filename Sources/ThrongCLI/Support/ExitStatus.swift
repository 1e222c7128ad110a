import ArgumentParser
import Foundation
import ThrongBatch
import ThrongIO
import ThrongQuery
import ThrongStore

/// The exit statuses of `throng` (sysexits style; documented in docs/formats.md, "Exit statuses").
enum ExitStatus: Int32 {
    /// Done, and every input was read whole.
    case ok = 0
    /// Done, the snapshot was written, but some inputs had problems (unreadable, truncated or
    /// corrupt, skipped as a loop, repeat or copy): see the summary's `skipped:` lines.
    case inputProblems = 3
    /// Bad command line (ArgumentParser prints the usage).
    case usage = 64
    /// Bad data stopped the run: `--strict` met a rejected line, or the network folder is invalid.
    case dataError = 65
    /// No input: nothing to read, or nothing could be read. No snapshot is written.
    case noInput = 66
    /// An internal error.
    case software = 70
    /// An output (snapshot, rejects, export) could not be created.
    case cannotCreate = 73
    /// Reading or writing failed during the run (spill files).
    case ioError = 74

    var exitCode: ExitCode { ExitCode(rawValue) }
}

/// A failure reported to the user: a code name, a message, the exit status.
struct CommandFailure: Error {
    var code: String
    var message: String
    var status: ExitStatus

    /// Classifies an error thrown during a command.
    init(_ error: any Error) {
        switch error {
        case let e as CommandFailure:
            self = e
        case let e as BatchError:
            code = e.code.name
            message = e.message + (e.cause.map { " (cause: \($0))" } ?? "")
            switch e.code {
            case .noInput: status = .noInput
            case .strictReject: status = .dataError
            case .invalidConfiguration: status = .usage
            default: status = .ioError
            }
        case let e as ThrongIOError:
            code = e.code.name
            message = e.description
            status = e.code == .cannotOpen ? .noInput : .dataError
        case let e as ThrongQueryError:
            code = e.code.name
            message = String(e.description.dropFirst(e.code.name.count + 2))   // message, suggestions, cause
            status = e.code == .cannotLoad ? .noInput : .dataError
        case let e as ThrongStoreError:
            code = e.code.name
            message = e.description
            status = .cannotCreate
        default:
            code = "internal"
            message = String(describing: error)
            status = .software
        }
    }

    init(code: String, message: String, status: ExitStatus) {
        self.code = code
        self.message = message
        self.status = status
    }

    /// Writes the failure to standard error, as text or as one JSON object, and returns the exit code.
    func report(json: Bool) -> ExitCode {
        if json {
            let object: [String: Any] = ["error": ["code": code, "message": message, "exitStatus": Int(status.rawValue)]]
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
            FileHandle.standardError.write(data + Data("\n".utf8))
        } else {
            FileHandle.standardError.write(Data("error: \(code): \(message)\n".utf8))
        }
        return status.exitCode
    }
}
