import CSQLite

/// SQLite's own report of a failure: the result code and the connection's error message.
/// Used as the ``ThrongStoreError/cause`` of ``ThrongStoreError/Code/sqliteFailed`` and
/// ``ThrongStoreError/Code/cannotOpen`` errors.
public struct SQLiteFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// The primary result code (`SQLITE_BUSY` = 5, `SQLITE_CONSTRAINT` = 19, …): the low 8 bits of ``extendedResultCode``.
    public var resultCode: Int32 { extendedResultCode & 0xFF }
    /// The extended result code (e.g. `SQLITE_CONSTRAINT_PRIMARYKEY` = 1555).
    public var extendedResultCode: Int32
    /// `sqlite3_errmsg` at the time of the failure, e.g. `UNIQUE constraint failed: t.id`.
    public var message: String

    /// Creates a failure from a result code and message.
    public init(extendedResultCode: Int32, message: String) {
        self.extendedResultCode = extendedResultCode
        self.message = message
    }

    /// SQLite's English name for the result code (`sqlite3_errstr`), e.g. `constraint failed`.
    public var codeText: String { String(cString: sqlite3_errstr(extendedResultCode)) }

    /// `message [SQLite code N: text]`.
    public var description: String {
        "\(message) [SQLite code \(extendedResultCode): \(codeText)]"
    }

    /// The failure recorded on a connection handle after `rc` was returned.
    static func from(_ db: OpaquePointer?, _ rc: Int32) -> SQLiteFailure {
        let message = db.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(rc))
        let extended = db.map { sqlite3_extended_errcode($0) } ?? rc
        // sqlite3_extended_errcode is only meaningful when it agrees with rc's primary code.
        return SQLiteFailure(extendedResultCode: (extended & 0xFF) == (rc & 0xFF) ? extended : rc, message: message)
    }
}
