import Foundation
import Synchronization
import Testing
@testable import ThrongLive

@Suite("Epoch publisher")
struct EpochPublisherTests {
    /// An epoch whose two fields must always agree: a torn read would show them apart.
    final class Pair: Sendable {
        let a: Int
        let b: Int
        init(_ n: Int) { a = n; b = n &* 7 }
    }

    @Test func readersSeeWholeEpochsInOrderWhileTheWriterPublishes() {
        let publisher = EpochPublisher(Pair(0))
        let stop = Atomic<Bool>(false)
        let torn = Atomic<Int>(0)
        let backwards = Atomic<Int>(0)
        let reads = Atomic<Int>(0)
        let group = DispatchGroup()
        for _ in 0..<3 {
            group.enter()
            Thread.detachNewThread {
                var last = 0
                while !stop.load(ordering: .relaxed) {
                    let p = publisher.read()
                    if p.b != p.a &* 7 { torn.add(1, ordering: .relaxed) }
                    if p.a < last { backwards.add(1, ordering: .relaxed) }
                    last = p.a
                    reads.add(1, ordering: .relaxed)
                }
                group.leave()
            }
        }
        var published = 0
        for n in 1...200_000 where publisher.publish(Pair(n)) { published = n }
        stop.store(true, ordering: .relaxed)
        group.wait()
        #expect(torn.load(ordering: .relaxed) == 0)
        #expect(backwards.load(ordering: .relaxed) == 0)
        #expect(reads.load(ordering: .relaxed) > 0)
        #expect(publisher.read().a == published)
    }
}
