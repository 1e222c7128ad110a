import Foundation
import HTTPTypes
import Hummingbird
import ThrongWeb

/// How long clients may keep a response.
enum Freshness {
    /// Live figures: change every epoch; never cached.
    case live
    /// Typical figures of the snapshot: cacheable, validated by ETag.
    case typical(maxAge: Int, tag: String)
}

/// Responses with a JSON body, caching headers and conditional GET.
enum JSONResponse {
    static let contentType = "application/json; charset=utf-8"

    /// A 200 response, or 304 when the request's `If-None-Match` names the body's ETag.
    static func make(_ bytes: [UInt8], request: Request, freshness: Freshness, contentType: String = contentType) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        switch freshness {
        case .live:
            headers[.cacheControl] = "no-cache"
        case .typical(let maxAge, let tag):
            let etag = "\"" + ETag.of(bytes, seed: tag) + "\""
            headers[.cacheControl] = "public, max-age=\(maxAge)"
            headers[.eTag] = etag
            let given = request.headers[.ifNoneMatch]?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } ?? []
            if given.contains(etag) || given.contains("*") {
                return Response(status: .notModified, headers: headers)
            }
        }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// A 200 `no-cache` response with a body already encoded (shared between requests).
    static func live(_ body: ByteBuffer) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        headers[.cacheControl] = "no-cache"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: body))
    }

    static func make(_ w: JSONWriter, request: Request, freshness: Freshness) -> Response {
        make(w.bytes, request: request, freshness: freshness)
    }
}

/// Strong entity tags: FNV-1a 64 of the body and the data's tag (a changed snapshot changes it).
enum ETag {
    static func of(_ bytes: [UInt8], seed: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in seed.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
