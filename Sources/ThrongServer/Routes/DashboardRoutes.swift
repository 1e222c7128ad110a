import Hummingbird
import ThrongWeb

/// The live dashboard: one HTML page (map, station page, busiest links by hash route), its
/// script and style sheet, all compiled in: nothing is fetched from elsewhere.
struct DashboardRoutes {
    func add(to router: Router<BasicRequestContext>) {
        router.get("/") { request, _ in asset(WebAssets.dashboardHTML, "text/html; charset=utf-8", request) }
        router.get("/assets/throng.js") { request, _ in asset(WebAssets.script, "text/javascript; charset=utf-8", request) }
        router.get("/assets/throng.css") { request, _ in asset(WebAssets.styleSheet, "text/css; charset=utf-8", request) }
    }

    private func asset(_ bytes: [UInt8], _ type: String, _ request: Request) -> Response {
        var r = JSONResponse.make(bytes, request: request, freshness: .typical(maxAge: 300, tag: "asset"), contentType: type)
        if type.hasPrefix("text/html") {
            r.headers[.contentSecurityPolicy] = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:"
        }
        return r
    }
}
