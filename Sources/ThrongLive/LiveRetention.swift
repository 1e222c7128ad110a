public import ThrongCore
import ThrongStore

/// The live engine's retention window (docs/live.md, "Retention"): a service day leaves the
/// live totals once it is *sealed* — no open session, journey held for MAC-change joining or
/// event within the allowed lateness can still add to it — and it is older than the ``days``
/// most recent service days. Before it leaves, it is published through disclosure control and
/// handed to ``archive``; so memory holds a bounded number of days, however long the run.
public struct LiveRetention: Sendable {
    /// Service days kept in the live totals, counted back from the watermark's day (which is
    /// one of them). At least 1.
    public var days: Int
    /// Receives each day that leaves, once, oldest first, on the engine's archiver thread
    /// (epochs go on meanwhile, without the day). A throw puts the day back into the totals
    /// (nothing is lost) and it is offered again at a later epoch; the error is in
    /// ``LiveEngine/archiveError``.
    public var archive: @Sendable (LiveArchivedDay) throws -> Void

    /// A window of `days` days and a receiver.
    public init(days: Int = 1, archive: @escaping @Sendable (LiveArchivedDay) throws -> Void) {
        self.days = days
        self.archive = archive
    }

    /// Writes each day that leaves as a snapshot in the batch schema,
    /// `DIRECTORY/throng-live-YYYY-MM-DD.sqlite` (the service date), replaced atomically: a day
    /// offered again after a restart from a checkpoint is written again, with the same rows.
    public static func directory(_ directory: String, days: Int = 1) -> LiveRetention {
        LiveRetention(days: days) { day in
            try day.snapshot.writeSQLite(to: day.path(in: directory), network: day.network,
                                         metadata: ["tool": "throng live", "service_date": day.serviceDate.description])
        }
    }
}

/// A service day that left the live totals: its published tables, final.
public struct LiveArchivedDay: Sendable {
    /// The UTC start of the service day.
    public let dayStart: Int64
    /// The service date.
    public let serviceDate: CivilDate
    /// The day's rows of every table, published through disclosure control as a batch run of
    /// the same events publishes them; the quality record is the run's at the time.
    public let snapshot: CrowdingSnapshot
    /// The network the engine runs on (closures applied), to write the snapshot with.
    public let network: Network

    /// `DIRECTORY/throng-live-YYYY-MM-DD.sqlite`.
    public func path(in directory: String) -> String {
        (directory.hasSuffix("/") ? directory : directory + "/") + "throng-live-\(serviceDate).sqlite"
    }
}
