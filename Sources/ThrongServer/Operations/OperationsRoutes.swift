import Foundation
import Hummingbird
import ThrongWeb

/// `/healthz` (the process answers), `/readyz` (there is data to answer from), `/metrics`
/// (Prometheus text format), `/openapi.json` (the API's description, kept in the repo).
struct OperationsRoutes {
    let data: CrowdingData
    let metrics: ServerMetrics

    func add(to router: Router<BasicRequestContext>) {
        router.get("/healthz") { request, _ in
            var w = JSONWriter(); w.object { $0.member("status", "ok") }
            return JSONResponse.make(w, request: request, freshness: .live)
        }
        router.get("/readyz") { request, _ in
            let epoch = data.view().epoch
            let ready = data.typical != nil || epoch != nil
            var w = JSONWriter()
            w.object { o in
                o.member("status", ready ? "ready" : "waiting")
                o.member("snapshot", data.typical != nil)
                o.member("live", data.live != nil)
                o.member("liveEpoch", epoch?.sequence)
            }
            var response = JSONResponse.make(w, request: request, freshness: .live)
            if !ready { response.status = .serviceUnavailable }
            return response
        }
        router.get("/metrics") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            headers[.cacheControl] = "no-store"
            let body = metrics.scrape(live: data.live, now: Date().timeIntervalSince1970)
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
        }
        router.get("/openapi.json") { request, _ in
            JSONResponse.make(OpenAPIDocument.bytes, request: request, freshness: .typical(maxAge: 3600, tag: "openapi"))
        }
    }
}

/// The OpenAPI 3.1 document, `Sources/ThrongServer/OpenAPI/openapi.json`, compiled in.
package enum OpenAPIDocument {
    package static let bytes: [UInt8] = PackageResources.openapi_json
}
