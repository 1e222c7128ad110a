import CSQLite
import Testing
@testable import ThrongStore

@Suite struct SQLiteConnectionTests {
    @Test func bindAndReadEveryKind() throws {
        let db = try SQLiteConnection(path: ":memory:")
        try db.exec("CREATE TABLE t(i INTEGER, r REAL, s TEXT, b BLOB, n INTEGER)")
        let insert = try db.prepare("INSERT INTO t VALUES (?, ?, ?, ?, ?)")
        #expect(insert.parameterCount == 5)
        try insert.bind(Int64.min, at: 1)
        try insert.bind(2.5, at: 2)
        try insert.bind("Kings Cross — ünïcödé \u{0}nul", at: 3)
        try insert.bind(blob: [0, 1, 255], at: 4)
        try insert.bindNull(at: 5)
        try insert.run()
        try insert.bind([.integer(42), .real(-0.125), .text(""), .blob([]), .null])
        try insert.run()
        #expect(db.changes == 1)
        #expect(db.lastInsertRowID == 2)

        let select = try db.prepare("SELECT i, r, s, b, n FROM t ORDER BY rowid")
        #expect(select.columnCount == 5)
        #expect(select.columnName(at: 2) == "s")
        #expect(try select.step())
        #expect(select.int64(at: 0) == Int64.min)
        #expect(select.double(at: 1) == 2.5)
        #expect(select.string(at: 2) == "Kings Cross — ünïcödé \u{0}nul")
        #expect(select.blob(at: 3) == [0, 1, 255])
        #expect(select.isNull(at: 4) == true)
        #expect(select.string(at: 4) == nil)
        #expect(try select.step())
        #expect(select.row() == [.integer(42), .real(-0.125), .text(""), .blob([]), .null])
        #expect(try select.step() == false)
    }

    @Test func statementIsReusableAfterReset() throws {
        let db = try SQLiteConnection(path: ":memory:")
        try db.exec("CREATE TABLE t(a INTEGER); INSERT INTO t VALUES (1), (2), (3)")
        let q = try db.prepare("SELECT sum(a) FROM t WHERE a >= ?")
        var sums: [Int64] = []
        for lo: Int64 in [1, 2, 3] {
            try q.bind(lo, at: 1)
            #expect(try q.step())
            sums.append(q.int64(at: 0))
            q.reset()
        }
        #expect(sums == [6, 5, 3])
    }

    @Test func prepareErrorCarriesSQLiteCodeAndMessage() throws {
        let db = try SQLiteConnection(path: ":memory:")
        let error = #expect(throws: ThrongStoreError.self) { _ = try db.prepare("SELEC 1") }
        #expect(error?.code == .sqliteFailed)
        #expect(error?.sqliteResultCode == SQLITE_ERROR)
        #expect((error?.cause as? SQLiteFailure)?.message.contains("syntax error") == true)
        #expect(error?.message.contains("SELEC 1") == true)
    }

    @Test func constraintViolationHasExtendedCode() throws {
        let db = try SQLiteConnection(path: ":memory:")
        try db.exec("CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)")
        let insert = try db.prepare("INSERT INTO t(name) VALUES (?)")
        try insert.bind("Bank", at: 1)
        try insert.run()
        let error = #expect(throws: ThrongStoreError.self) { try insert.run() }
        #expect(error?.sqliteResultCode == SQLITE_CONSTRAINT)
        #expect((error?.cause as? SQLiteFailure)?.extendedResultCode == 2067)  // SQLITE_CONSTRAINT_UNIQUE
        #expect((error?.cause as? SQLiteFailure)?.message.contains("UNIQUE constraint failed: t.name") == true)
        // The statement is usable again after the failure.
        try insert.bind("Monument", at: 1)
        try insert.run()
        #expect(try db.scalarInteger("SELECT count(*) FROM t") == 2)
    }

    @Test func prepareRejectsSecondStatementAndWrongBindCount() throws {
        let db = try SQLiteConnection(path: ":memory:")
        #expect(throws: ThrongStoreError.self) { _ = try db.prepare("SELECT 1; SELECT 2") }
        _ = try db.prepare("SELECT 1;  \n")
        let stmt = try db.prepare("SELECT ?, ?")
        let error = #expect(throws: ThrongStoreError.self) { try stmt.bind([1]) }
        #expect(error?.code == .invalidArgument)
        #expect(throws: ThrongStoreError.self) { try stmt.bind(1 as Int64, at: 3) }
    }

    @Test func transactionRollsBackOnError() throws {
        let db = try SQLiteConnection(path: ":memory:")
        try db.exec("CREATE TABLE t(a INTEGER)")
        #expect(throws: InjectedFailure.self) {
            try db.transaction { db in
                try db.exec("INSERT INTO t VALUES (1)")
                throw InjectedFailure()
            }
        }
        #expect(db.isAutocommit == true)
        #expect(try db.scalarInteger("SELECT count(*) FROM t") == 0)
        let n = try db.transaction { db in
            try db.exec("INSERT INTO t VALUES (1), (2)")
            return db.changes
        }
        #expect(n == 2)
        #expect(try db.scalarInteger("SELECT count(*) FROM t") == 2)
    }

    @Test func openMissingFileReadOnlyFails() throws {
        let dir = try makeStoreTempDir()
        let error = #expect(throws: ThrongStoreError.self) {
            _ = try SQLiteConnection(path: dir + "/missing.sqlite", flags: [.readOnly])
        }
        #expect(error?.code == .cannotOpen)
        #expect(error?.sqliteResultCode == SQLITE_CANTOPEN)
    }

    @Test func statementOutlivingConnectionStaysUsable() throws {
        var db: SQLiteConnection? = try SQLiteConnection(path: ":memory:")
        let stmt = try db!.prepare("SELECT 7")
        db = nil  // sqlite3_close_v2 defers the close until the statement is finalized
        #expect(try stmt.step())
        #expect(stmt.int64(at: 0) == 7)
    }
}

@Suite struct SQLiteStatementRunTests {
    @Test func runDrainsRowsAndReportsErrorsAfterRows() throws {
        let db = try SQLiteConnection(path: ":memory:")
        try db.exec("CREATE TABLE t(a INTEGER NOT NULL)")
        let insert = try db.prepare("INSERT INTO t VALUES (?) RETURNING a")
        try insert.bind(Int64(5), at: 1)
        try insert.run()
        try insert.bind(Int64(6), at: 1)
        try insert.run()  // reset by the first run, so it runs again
        #expect(try db.scalarInteger("SELECT count(*) FROM t") == 2)
        // An error raised while stepping through rows is reported with SQLite's code.
        let select = try db.prepare("SELECT CASE WHEN a > 5 THEN json('not json') END FROM t ORDER BY a")
        let error = #expect(throws: ThrongStoreError.self) { try select.run() }
        #expect(error?.code == .sqliteFailed)
        #expect(error?.sqliteResultCode == 1)
        #expect(error?.message.hasPrefix("run failed") == true)
    }
}
