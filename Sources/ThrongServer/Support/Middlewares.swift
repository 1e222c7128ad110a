import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Turns every error into a JSON response: ``ServerError`` as it is, Hummingbird's own (404 of an
/// unknown path, 405) as the matching code, anything else as a 500 whose cause goes to the log only.
struct JSONErrorMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as ServerError {
            if error.code == .internalError { context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"]) }
            return try error.response(from: request, context: context)
        } catch let error as HTTPError {
            let code: ServerError.Code = switch error.status {
            case .notFound: .notFound
            case .methodNotAllowed: .methodNotAllowed
            case .unauthorized: .unauthorized
            case .uriTooLong: .uriTooLong
            case .internalServerError: .internalError
            default: .badRequest
            }
            let message = error.status == .notFound ? "no such path: \(request.uri.path) (GET /openapi.json lists the API)" : (error.body ?? error.status.reasonPhrase)
            var response = try ServerError(code, message).response(from: request, context: context)
            response.status = error.status
            return response
        } catch {
            context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            return try ServerError(.internalError, "internal error").response(from: request, context: context)
        }
    }
}

/// Refuses methods other than GET, HEAD and OPTIONS (405, `Allow: GET, HEAD`), request URIs
/// longer than a bound (414) and any request with a body (400): the API is read-only, so nothing
/// is ever buffered from a client.
struct RequestBoundsMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let maxURILength: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.method != .get && request.method != .head && request.method != .options {
            throw ServerError(.methodNotAllowed, "\(request.method.rawValue) is not allowed: this API is read-only (GET, HEAD)")
        }
        if (request.head.path?.utf8.count ?? 0) > maxURILength {
            throw ServerError(.uriTooLong, "the request URI is longer than \(maxURILength) bytes")
        }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > 0 {
            throw ServerError(.badRequest, "this API takes no request bodies (GET only)")
        }
        return try await next(request, context)
    }
}

/// API keys for `/v1/`: `app_key` query parameter (as TfL's clients send), `X-API-Key` or
/// `Authorization: Bearer`. The TfL-compatible paths, operations and the dashboard stay open.
struct APIKeyMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let keys: Set<String>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let given = request.uri.queryParameters.get("app_key")
            ?? request.headers[HTTPField.Name("X-API-Key")!]
            ?? request.headers[.authorization].flatMap { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil }
        guard let given, keys.contains(given) else {
            throw ServerError(.unauthorized, given == nil ? "an API key is required for /v1/ (app_key=…, X-API-Key or Authorization: Bearer)" : "the API key is not valid")
        }
        return try await next(request, context)
    }
}
