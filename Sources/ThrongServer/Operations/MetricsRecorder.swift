import Hummingbird

/// Records every request's duration and status into ``ServerMetrics`` (errors included: the
/// status is the one the error will be answered with).
struct MetricsRecorder: RouterMiddleware {
    typealias Context = BasicRequestContext
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let group = Self.group(request.uri.path)
        do {
            let response = try await next(request, context)
            metrics.record(group: group, status: Int(response.status.code), duration: ContinuousClock.now - start)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            metrics.record(group: group, status: Int(status), duration: ContinuousClock.now - start)
            throw error
        }
    }

    static func group(_ path: some StringProtocol) -> String {
        let p = path.lowercased()
        if p.hasPrefix("/crowding/") { return p.hasSuffix("/live") ? "tfl_live" : "tfl_typical" }
        if p.hasPrefix("/v1/") { return "v1" }
        if p == "/healthz" || p == "/readyz" || p == "/metrics" || p == "/openapi.json" { return "ops" }
        if p == "/" || p.hasPrefix("/assets/") || p.hasPrefix("/station") { return "dashboard" }
        return "other"
    }
}
