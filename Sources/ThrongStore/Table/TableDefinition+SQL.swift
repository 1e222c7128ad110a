extension TableDefinition {
    /// `CREATE TABLE "name" (…)` with types, `NOT NULL`, the primary key and `WITHOUT ROWID`.
    public var createTableSQL: String {
        var parts = columns.map { c in
            "\(SQL.quote(c.name)) \(c.type.rawValue)" + (c.nullable ? "" : " NOT NULL")
        }
        if !primaryKey.isEmpty {
            parts.append("PRIMARY KEY (" + primaryKey.map(SQL.quote).joined(separator: ", ") + ")")
        }
        return "CREATE TABLE \(SQL.quote(name)) (\n  " + parts.joined(separator: ",\n  ") + "\n)"
            + (withoutRowID ? " WITHOUT ROWID" : "")
    }

    /// One `CREATE [UNIQUE] INDEX` statement per index.
    public var createIndexSQL: [String] {
        indexes.map { index in
            "CREATE \(index.unique ? "UNIQUE " : "")INDEX \(SQL.quote(index.name)) ON \(SQL.quote(name)) ("
                + index.columns.map(SQL.quote).joined(separator: ", ") + ")"
        }
    }

    /// `INSERT INTO "name" ("a", "b") VALUES (?, ?)` with one parameter per column, in column order.
    public var insertSQL: String {
        "INSERT INTO \(SQL.quote(name)) (" + columns.map { SQL.quote($0.name) }.joined(separator: ", ")
            + ") VALUES (" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
    }
}

/// SQL text helpers.
public enum SQL {
    /// Quotes an identifier: `a"b` → `"a""b"`.
    public static func quote(_ identifier: String) -> String {
        "\"" + identifier.replacingAll("\"", with: "\"\"") + "\""
    }

    /// Quotes a text literal: `it's` → `'it''s'`.
    public static func literal(_ text: String) -> String {
        "'" + text.replacingAll("'", with: "''") + "'"
    }
}

extension String {
    /// Replaces every occurrence of a character (no Foundation in this module's core).
    fileprivate func replacingAll(_ c: Character, with replacement: String) -> String {
        guard contains(c) else { return self }
        var out = ""
        out.reserveCapacity(count + 8)
        for ch in self { if ch == c { out += replacement } else { out.append(ch) } }
        return out
    }
}
