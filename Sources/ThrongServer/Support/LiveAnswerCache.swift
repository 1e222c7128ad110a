import Hummingbird
import Synchronization

/// The body of each station's live answer for the current epoch: built by the first request
/// after an epoch is published, then shared by every request until the next one (an epoch
/// lasts about a second; the Live endpoint is asked far more often than that).
///
/// One short lock per request, held only to read or store a buffer; the body is built outside it.
final class LiveAnswerCache: Sendable {
    private struct State {
        var epoch = -1
        var bodies: [ByteBuffer?] = []
    }

    private let state = Mutex(State())
    private let stations: Int

    init(stations: Int) { self.stations = stations }

    /// The body for `station` in `epoch`, made with `make` when not cached.
    func body(station: Int, epoch: Int, make: () -> ByteBuffer) -> ByteBuffer {
        if let hit = state.withLock({ s in s.epoch == epoch ? s.bodies[station] : nil }) { return hit }
        let body = make()
        state.withLock { s in
            if s.epoch < epoch { s.epoch = epoch; s.bodies = [ByteBuffer?](repeating: nil, count: stations) }
            if s.epoch == epoch { s.bodies[station] = body }
        }
        return body
    }
}
