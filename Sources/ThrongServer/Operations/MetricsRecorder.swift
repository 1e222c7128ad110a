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

    /// The route group of a path (an index into ``ServerMetrics/groups``), without allocating.
    static func group(_ path: String) -> Int {
        var path = path
        return path.withUTF8 { p in
            func has(_ prefix: StaticString, at offset: Int = 0) -> Bool {
                let n = prefix.utf8CodeUnitCount
                guard offset >= 0, p.count >= offset + n else { return false }
                let q = prefix.utf8Start
                for i in 0..<n where p[offset + i] | 0x20 != q[i] | 0x20 { return false }
                return true
            }
            if has("/crowding/") { return has("/live", at: p.count - 5) ? 0 : 1 }
            if has("/v1/") { return 2 }
            if p.count == 8 && (has("/healthz") || has("/metrics")) || p.count == 7 && has("/readyz") || p.count == 13 && has("/openapi.json") { return 3 }
            if p.count == 1 || has("/assets/") { return 4 }
            return 5
        }
    }
}
