import Foundation
import ThrongCore
import ThrongStore
#if canImport(Glibc)
import Glibc
#endif

/// The checkpoint of a live run: a SQLite file (WAL journal, mode 0600) with the accepted events
/// in batches, each source's counts and position, and the device-keying secret (so that device
/// keys after a restart are the ones before it). Each write is one transaction: the events and
/// the positions they were read up to change together, so a process killed at any moment leaves
/// the last committed pair (docs/live.md, "Checkpoint and restart").
///
/// What it protects: device keys are the engine's keyed hashes, never tokens; but the secret is in
/// the same file, so the file is as sensitive as the logs it came from — owner-only (0600), kept
/// next to the logs, deleted with them.
final class CheckpointFile: @unchecked Sendable {
    // @unchecked: the connection is used by one thread at a time (the engine's checkpoint writer,
    // or recovery before the engine starts), serialised by `lock`.
    private let connection: SQLiteConnection
    private let lock = NSLock()
    let path: String
    static let format = "throng-live-checkpoint 1"

    init(path: String) throws(LiveError) {
        self.path = path
        let fresh = access(path, F_OK) != 0
        if fresh {
            let fd = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw LiveError(.invalidConfiguration, "cannot create the checkpoint \(path): errno \(errno)") }
            _ = close(fd)
        }
        _ = chmod(path, 0o600)
        connection = try Self.connect(path)
    }

    /// Opens the file in WAL mode and creates the tables if needed.
    private static func connect(_ path: String) throws(LiveError) -> SQLiteConnection {
        do {
            let c = try SQLiteConnection(path: path)
            try c.exec("PRAGMA journal_mode=WAL")
            try c.exec("PRAGMA synchronous=NORMAL")
            try c.exec("""
                CREATE TABLE IF NOT EXISTS checkpoint_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS checkpoint_events(seq INTEGER PRIMARY KEY, events BLOB NOT NULL);
                CREATE TABLE IF NOT EXISTS checkpoint_sources(id INTEGER PRIMARY KEY, name TEXT NOT NULL, lines INTEGER NOT NULL,
                    accepted INTEGER NOT NULL, rejects TEXT NOT NULL, late INTEGER NOT NULL, late_bins TEXT NOT NULL,
                    watermark INTEGER, finished INTEGER NOT NULL, position TEXT NOT NULL);
                """)
            return c
        } catch {
            throw LiveError(.invalidConfiguration, "cannot open the checkpoint \(path)", cause: error)
        }
    }

    /// The run parameters the checkpoint was made with (empty for a new checkpoint).
    func meta() throws(LiveError) -> [String: String] {
        lock.lock(); defer { lock.unlock() }
        do {
            var result: [String: String] = [:]
            for row in try connection.query("SELECT key, value FROM checkpoint_meta").rows {
                if let k = row[0].textValue, let v = row[1].textValue { result[k] = v }
            }
            return result
        } catch {
            throw LiveError(.invalidConfiguration, "cannot read the checkpoint \(path)", cause: error)
        }
    }

    func setMeta(_ values: [String: String]) throws(LiveError) {
        lock.lock(); defer { lock.unlock() }
        do {
            try connection.transaction { c in
                let s = try c.prepare("INSERT OR REPLACE INTO checkpoint_meta(key, value) VALUES (?, ?)")
                for (k, v) in values {
                    s.reset()
                    try s.bind(k, at: 1)
                    try s.bind(v, at: 2)
                    try s.run()
                }
            }
        } catch {
            throw LiveError(.invalidConfiguration, "cannot write the checkpoint \(path)", cause: error)
        }
    }

    /// Everything committed so far.
    func load() throws(LiveError) -> CheckpointContents {
        lock.lock(); defer { lock.unlock() }
        do {
            var events: [Event] = []
            let s = try connection.prepare("SELECT events FROM checkpoint_events ORDER BY seq")
            while try s.step() { Event.unpack(s.blob(at: 0) ?? [], into: &events) }
            var sources: [CheckpointSource] = []
            for row in try connection.query("SELECT name, lines, accepted, rejects, late, late_bins, watermark, finished, position FROM checkpoint_sources ORDER BY id").rows {
                sources.append(CheckpointSource(
                    name: row[0].textValue ?? "", linesRead: Int(row[1].integerValue ?? 0), accepted: Int(row[2].integerValue ?? 0),
                    rejects: Self.decode(row[3].textValue ?? ""), late: Int(row[4].integerValue ?? 0),
                    lateByBin: Self.decode(row[5].textValue ?? "").reduce(into: [:]) { $0[Int64($1.key) ?? 0] = $1.value },
                    watermark: row[6].integerValue, finished: row[7].integerValue == 1, position: row[8].textValue ?? ""))
            }
            return CheckpointContents(events: events, sources: sources)
        } catch {
            throw LiveError(.invalidConfiguration, "cannot read the checkpoint \(path)", cause: error)
        }
    }

    /// Appends `events` and replaces the source records, in one transaction.
    func write(events: [Event], sources: [CheckpointSource]) throws(LiveError) {
        lock.lock(); defer { lock.unlock() }
        do {
            try connection.transaction { c in
                if !events.isEmpty {
                    let s = try c.prepare("INSERT INTO checkpoint_events(events) VALUES (?)")
                    try s.bind(blob: Event.pack(events), at: 1)
                    try s.run()
                }
                try c.exec("DELETE FROM checkpoint_sources")
                let s = try c.prepare("INSERT INTO checkpoint_sources(id, name, lines, accepted, rejects, late, late_bins, watermark, finished, position) VALUES (?,?,?,?,?,?,?,?,?,?)")
                for (i, src) in sources.enumerated() {
                    s.reset()
                    try s.bind(i, at: 1)
                    try s.bind(src.name, at: 2)
                    try s.bind(src.linesRead, at: 3)
                    try s.bind(src.accepted, at: 4)
                    try s.bind(Self.encode(src.rejects), at: 5)
                    try s.bind(src.late, at: 6)
                    try s.bind(Self.encode(src.lateByBin.reduce(into: [:]) { $0[String($1.key)] = $1.value }), at: 7)
                    try s.bind(src.watermark, at: 8)
                    try s.bind(src.finished ? 1 : 0, at: 9)
                    try s.bind(src.position, at: 10)
                    try s.run()
                }
            }
        } catch {
            throw LiveError(.invalidConfiguration, "cannot write the checkpoint \(path)", cause: error)
        }
    }

    /// `key=value;…` (keys without `=` or `;`: reason codes and bin starts).
    static func encode(_ values: [String: Int]) -> String {
        values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";")
    }

    static func decode(_ text: String) -> [String: Int] {
        var result: [String: Int] = [:]
        for part in text.split(separator: ";") {
            let kv = part.split(separator: "=", maxSplits: 1)
            if kv.count == 2, let v = Int(kv[1]) { result[String(kv[0])] = v }
        }
        return result
    }
}
