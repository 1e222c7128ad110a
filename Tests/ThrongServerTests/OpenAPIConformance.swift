import Foundation

/// Checks JSON responses against the repository's OpenAPI document
/// (`Sources/ThrongServer/OpenAPI/openapi.json`): the operation is found by matching the request
/// path against the document's path templates (case-insensitively, as the server routes), the
/// schema by the response status, and the body is validated against the subset of JSON Schema
/// the document uses (`type` with null, `properties`, `required`, `additionalProperties: false`,
/// `items`, `oneOf`, `enum`, `$ref`, `minimum`/`maximum`).
struct OpenAPIConformance: @unchecked Sendable {  // an immutable parsed document
    let document: [String: Any]

    static let shared: OpenAPIConformance = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        let data = try! Data(contentsOf: url.appendingPathComponent("Sources/ThrongServer/OpenAPI/openapi.json"))
        return OpenAPIConformance(document: try! JSONSerialization.jsonObject(with: data) as! [String: Any])
    }()

    var paths: [String: Any] { document["paths"] as! [String: Any] }

    /// The document's path template that `path` matches (constant segments before parameters).
    func template(for path: String) -> String? {
        let segments = path.split(separator: "?")[0].split(separator: "/").map { $0.lowercased() }
        let candidates = paths.keys.filter { t in
            let ts = t.split(separator: "/")
            guard ts.count == segments.count else { return false }
            return zip(ts, segments).allSatisfy { $0.hasPrefix("{") || $0.lowercased() == $1 }
        }
        // The most constant segments wins (/crowding/{naptan}/Live over /crowding/{naptan}/{dayOfWeek}).
        return candidates.max { a, b in a.filter { $0 == "{" }.count > b.filter { $0 == "{" }.count }
    }

    /// Problems of `body` as the response of GET `path` with `status`; empty when it conforms.
    func problems(path: String, status: Int, body: Any) -> [String] {
        guard let t = template(for: path) else { return ["no operation in openapi.json matches \(path)"] }
        guard let op = (paths[t] as? [String: Any])?["get"] as? [String: Any],
              let responses = op["responses"] as? [String: Any] else { return ["\(t) has no GET"] }
        guard let response = responses[String(status)] as? [String: Any] else { return ["\(t) documents no \(status) response"] }
        guard let schema = ((response["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"] else {
            return []
        }
        var out: [String] = []
        validate(body, schema, at: "$", into: &out)
        return out
    }

    private func resolve(_ schema: Any) -> [String: Any] {
        guard let s = schema as? [String: Any] else { return [:] }
        if let ref = s["$ref"] as? String {
            let name = ref.split(separator: "/").last.map(String.init) ?? ""
            return resolve(((document["components"] as! [String: Any])["schemas"] as! [String: Any])[name]!)
        }
        return s
    }

    private func typeName(_ v: Any) -> String {
        switch v {
        case is NSNull: return "null"
        case let n as NSNumber:
            let code = String(cString: n.objCType)
            if code == "c" && "\(type(of: n))".contains("Boolean") { return "boolean" }
            return code == "d" || code == "f" ? (n.doubleValue == n.doubleValue.rounded() ? "integer" : "number") : "integer"
        case is String: return "string"
        case is [Any]: return "array"
        case is [String: Any]: return "object"
        default: return "unknown"
        }
    }

    func validate(_ value: Any, _ rawSchema: Any, at path: String, into out: inout [String]) {
        let schema = resolve(rawSchema)
        if let options = schema["oneOf"] as? [Any] {
            let matching = options.filter { o in var p: [String] = []; validate(value, o, at: path, into: &p); return p.isEmpty }
            if matching.count != 1 { out.append("\(path): matches \(matching.count) of oneOf's \(options.count) schemas") }
            return
        }
        let actual = typeName(value)
        if let t = schema["type"] {
            let allowed = (t as? [String]) ?? [(t as? String) ?? ""]
            let ok = allowed.contains(actual) || (actual == "integer" && allowed.contains("number"))
            if !ok { out.append("\(path): \(actual), expected \(allowed.joined(separator: "|"))"); return }
        }
        if let e = schema["enum"] as? [Any] {
            let found = e.contains { ($0 is NSNull && value is NSNull) || (($0 as? String) != nil && ($0 as? String) == (value as? String)) }
            if !found { out.append("\(path): \(value) not in enum") }
        }
        if let n = value as? NSNumber, actual != "boolean" {
            if let min = schema["minimum"] as? Double, n.doubleValue < min { out.append("\(path): below minimum") }
            if let max = schema["maximum"] as? Double, n.doubleValue > max { out.append("\(path): above maximum") }
        }
        if let object = value as? [String: Any] {
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for r in schema["required"] as? [String] ?? [] where object[r] == nil { out.append("\(path): missing \(r)") }
            if (schema["additionalProperties"] as? Bool) == false {
                for k in object.keys where properties[k] == nil { out.append("\(path): undocumented member \(k)") }
            }
            for (k, v) in object { if let s = properties[k] { validate(v, s, at: path + "." + k, into: &out) } }
        }
        if let array = value as? [Any], let items = schema["items"] {
            for (i, v) in array.enumerated().prefix(400) { validate(v, items, at: "\(path)[\(i)]", into: &out) }
        }
    }
}
