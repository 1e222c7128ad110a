import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// SIGINT and SIGTERM raise a flag instead of killing the process, so a live run can stop its
/// feeds, close every session and write its snapshot. A second signal exits at once.
final class SignalFlag: Sendable {
    private static let raised = Atomic<Int>(0)

    var isRaised: Bool { Self.raised.load(ordering: .acquiring) > 0 }

    static func install() -> SignalFlag {
        let handler: @convention(c) (Int32) -> Void = { _ in
            if SignalFlag.raised.add(1, ordering: .acquiringAndReleasing).newValue > 1 { _exit(130) }
        }
        signal(SIGINT, handler)
        signal(SIGTERM, handler)
        return SignalFlag()
    }
}
