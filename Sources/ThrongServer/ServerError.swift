public import HTTPTypes
public import Hummingbird
import ThrongCore
import ThrongQuery
import ThrongWeb

/// An error of the HTTP server: one closed set of codes, a message, suggestions and the cause
/// (the shape of the other modules' errors). Thrown from a handler it becomes a JSON response
/// with ``status`` (``response(from:context:)``); at start-up it names what is misconfigured.
public struct ServerError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's name, as sent in `error.code`.
        public let name: String
        /// The HTTP status a request that fails with this code gets.
        public let status: HTTPResponse.Status

        init(_ name: String, _ status: HTTPResponse.Status) { self.name = name; self.status = status }

        /// The server cannot start as configured (missing snapshot, another network, bad address).
        public static let badConfiguration = Code("badConfiguration", .internalServerError)
        /// No station matches the path's NaPTAN code, name or hub code (404, with suggestions).
        public static let unknownStation = Code("unknownStation", .notFound)
        /// A name matches several stations (400, the candidates as suggestions).
        public static let ambiguousStation = Code("ambiguousStation", .badRequest)
        /// No such link, or no line joins the stations (404).
        public static let unknownLink = Code("unknownLink", .notFound)
        /// No such path (404).
        public static let notFound = Code("notFound", .notFound)
        /// A query parameter or path segment cannot be read: a bad day, time, measure, route (400).
        public static let badRequest = Code("badRequest", .badRequest)
        /// The method is not allowed on the path (405).
        public static let methodNotAllowed = Code("methodNotAllowed", .methodNotAllowed)
        /// The URI is longer than the server accepts (414).
        public static let uriTooLong = Code("uriTooLong", .uriTooLong)
        /// `/v1/` needs an API key and none or a wrong one was given (401).
        public static let unauthorized = Code("unauthorized", .unauthorized)
        /// Observed data was required and none covers the time asked for (404).
        public static let noData = Code("noData", .notFound)
        /// The server is not ready (no snapshot and nothing published yet) (503).
        public static let unavailable = Code("unavailable", .serviceUnavailable)
        /// Anything else (500; the log has the cause).
        public static let internalError = Code("internalError", .internalServerError)

        /// The code's name.
        public var description: String { name }
    }

    /// What went wrong.
    public var code: Code
    /// A sentence for people.
    public var message: String
    /// What the caller may have meant (display names of close stations).
    public var suggestions: [String]
    /// The underlying error, if any.
    public var cause: (any Error & Sendable)?

    /// Creates an error.
    public init(_ code: Code, _ message: String, suggestions: [String] = [], cause: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.suggestions = suggestions
        self.cause = cause
    }

    /// `code: message (did you mean …?) (cause: …)`.
    public var description: String {
        var text = "\(code): \(message)"
        if !suggestions.isEmpty { text += " (did you mean: \(suggestions.joined(separator: ", "))?)" }
        if let cause { text += " (cause: \(cause))" }
        return text
    }

    /// The server's reading of a query-library error.
    init(_ error: ThrongQueryError) {
        let code: Code = switch error.code {
        case .unknownStation: .unknownStation
        case .ambiguousStation: .ambiguousStation
        case .unknownLink: .unknownLink
        case .outsideIndex: .noData
        case .invalidRoute, .invalidArgument: .badRequest
        default: .internalError
        }
        self.init(code, error.message, suggestions: error.suggestions, cause: error)
    }
}

extension ServerError: HTTPResponseError {
    /// The code's status.
    public var status: HTTPResponse.Status { code.status }

    /// `{"error":{"code":…,"message":…,"suggestions":[…]}}`, or TfL's `ApiError` shape for a
    /// request under `/crowding/` (what TfL's clients already parse).
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var w = JSONWriter()
        if request.uri.path.lowercased().hasPrefix("/crowding") {
            w.object { o in
                o.member("$type", "Tfl.Apps.Api.Dto.ApiError, Tfl.Apps.Api.Dto")
                o.member("timestampUtc", Timestamp.iso8601(millis: WallClock.millis()))
                o.member("exceptionType", code == .unknownStation || code == .notFound ? "EntityNotFoundException" : "ApiArgumentException")
                o.member("httpStatusCode", Int(status.code))
                o.member("httpStatus", status.reasonPhrase.replacingOccurrences(of: " ", with: ""))
                o.member("relativeUri", request.uri.description)
                o.member("message", suggestions.isEmpty ? message : message + " (did you mean: \(suggestions.joined(separator: ", "))?)")
            }
        } else {
            w.object { o in
                o.object("error") { e in
                    e.member("code", code.name)
                    e.member("status", Int(status.code))
                    e.member("message", message)
                    e.array("suggestions") { a in for s in suggestions { a.value(s) } }
                }
            }
        }
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        if code == .methodNotAllowed { headers[.allow] = "GET, HEAD" }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: w.bytes)))
    }
}
