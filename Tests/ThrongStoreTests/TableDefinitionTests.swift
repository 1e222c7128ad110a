import Testing
@testable import ThrongStore

@Suite struct TableDefinitionTests {
    @Test func generatedSQL() {
        let t = TableDefinition(
            name: "station \"flows\"",
            columns: [.init("station", .integer), .init("share", .real, nullable: true), .init("name", .text)],
            primaryKey: ["station"],
            indexes: [.init("by_name", on: ["name"], unique: true)]
        )
        let expected = #"""
            CREATE TABLE "station ""flows""" (
              "station" INTEGER NOT NULL,
              "share" REAL,
              "name" TEXT NOT NULL,
              PRIMARY KEY ("station")
            )
            """#
        #expect(t.createTableSQL == expected)
        #expect(t.createIndexSQL == [#"CREATE UNIQUE INDEX "by_name" ON "station ""flows""" ("name")"#])
        #expect(t.insertSQL == #"INSERT INTO "station ""flows""" ("station", "share", "name") VALUES (?, ?, ?)"#)
        #expect(countsTable.createTableSQL.hasSuffix(") WITHOUT ROWID"))
    }

    @Test(arguments: [
        TableDefinition(name: "", columns: [.init("a", .integer)]),
        TableDefinition(name: "t", columns: []),
        TableDefinition(name: "t", columns: [.init("a", .integer), .init("A", .text)]),
        TableDefinition(name: "t", columns: [.init("a", .integer)], primaryKey: ["b"]),
        TableDefinition(name: "t", columns: [.init("a", .integer)], withoutRowID: true),
        TableDefinition(name: "t", columns: [.init("a", .integer)], indexes: [.init("i", on: ["z"])]),
        TableDefinition(name: "sqlite_t", columns: [.init("a", .integer)]),
    ])
    func invalidDefinitionsAreRejected(_ t: TableDefinition) {
        let error = #expect(throws: ThrongStoreError.self) { try t.validate() }
        #expect(error?.code == .invalidArgument)
    }

    @Test func writeTableInsertsRowsAndCreatesIndexes() throws {
        let db = try SQLiteConnection(path: ":memory:")
        let n = try db.transaction { db in
            try db.writeTable(countsTable) { w in
                try w.insert([1, 0, 10])
                try w.insert { s in
                    try s.bind(Int64(1), at: 1)
                    try s.bind(Int64(1), at: 2)
                    try s.bind(Int64(11), at: 3)
                }
                #expect(w.rowCount == 2)
            }
        }
        #expect(n == 2)
        #expect(try db.query("SELECT station, minute, count FROM counts ORDER BY minute").rows == [[1, 0, 10], [1, 1, 11]])
        let indexes = try db.query("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'counts' AND sql IS NOT NULL").rows
        #expect(indexes == [["counts_by_minute"]])
        // NOT NULL is enforced
        #expect(throws: ThrongStoreError.self) {
            try db.exec("INSERT INTO counts VALUES (NULL, 5, 5)")
        }
    }

    @Test func wrongValueCountIsRejected() throws {
        let db = try SQLiteConnection(path: ":memory:")
        let error = #expect(throws: ThrongStoreError.self) {
            try db.writeTable(countsTable, rows: [[1, 2]])
        }
        #expect(error?.code == .invalidArgument)
    }

    @Test func duplicateKeyFailsWithConstraint() throws {
        let db = try SQLiteConnection(path: ":memory:")
        let error = #expect(throws: ThrongStoreError.self) {
            try db.writeTable(countsTable, rows: [[1, 2, 3], [1, 2, 4]])
        }
        #expect(error?.sqliteResultCode == 19)
    }
}
