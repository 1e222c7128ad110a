public import ThrongIO
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Runs a feed's threads into an engine: reads, parses (the batch reader, so the same line
/// format and reject accounting), and calls ``LiveEngine/ingest(_:from:)``.
public final class FeedRunner: Sendable {
    let engine: LiveEngine
    let feed: LiveFeed
    private let stopping = Atomic<Bool>(false)
    private let ended = Atomic<Bool>(false)
    private let listener = Atomic<Int32>(-1)
    private let clients = Mutex<Set<Int32>>([])
    private let activeReaders = Atomic<Int>(0)

    /// A runner of `feed` into `engine`; ``start()`` starts it.
    public init(feed: LiveFeed, engine: LiveEngine) {
        self.feed = feed
        self.engine = engine
    }

    /// Whether the feed has ended by itself (standard input at end of file).
    public var hasEnded: Bool { ended.load(ordering: .acquiring) }

    /// Starts reading. Throws if a listener cannot be bound or a directory is missing.
    public func start() throws(LiveError) {
        switch feed {
        case .standardInput:
            activeReaders.add(1, ordering: .acquiringAndReleasing)
            Thread.detachNewThread { [self] in
                readDescriptor(STDIN_FILENO, name: "-", owns: false)
                ended.store(true, ordering: .releasing)
            }
        case .tcp(let port):
            let fd = try Self.listen(port: port)
            listener.store(fd, ordering: .releasing)
            Thread.detachNewThread { [self] in acceptLoop(fd) }
        case .directory(let path):
            var st = stat()
            guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR else {
                throw LiveError(.feedFailed, "no directory at \(path)")
            }
            let follower = DirectoryFollower(path: path, engine: engine)
            activeReaders.add(1, ordering: .acquiringAndReleasing)
            Thread.detachNewThread { [self] in
                defer { activeReaders.subtract(1, ordering: .acquiringAndReleasing) }
                while !stopping.load(ordering: .acquiring) {
                    follower.poll(final: false)
                    usleep(200_000)
                }
                follower.poll(final: true)
                ended.store(true, ordering: .releasing)
            }
        }
    }

    /// Stops accepting connections and following files (standard input stops at its end).
    public func stop() {
        stopping.store(true, ordering: .releasing)
        let fd = listener.exchange(-1, ordering: .acquiringAndReleasing)
        if fd >= 0 {
            _ = shutdown(fd, Int32(SHUT_RDWR))
            _ = close(fd)
        }
        // Open connections end as if their controllers had closed them: what was read counts.
        clients.withLock { for c in $0 { _ = shutdown(c, Int32(SHUT_RD)) } }
    }

    /// Waits until every reader has ended (after ``stop()``, or standard input's end). Standard
    /// input cannot be interrupted while a read blocks on an idle pipe: after a stop it gets one
    /// second, then the engine finishes without it (lines arriving after that are not read).
    public func waitForReaders() {
        let started = ContinuousClock.now
        while activeReaders.load(ordering: .acquiring) > 0 {
            if feed == .standardInput, stopping.load(ordering: .acquiring), ContinuousClock.now - started > .seconds(1) { return }
            usleep(5_000)
        }
    }

    /// Reads one descriptor to its end as one source.
    func readDescriptor(_ fd: Int32, name: String, owns: Bool) {
        defer { activeReaders.subtract(1, ordering: .acquiringAndReleasing) }
        let source = engine.addSource(name)
        let engine = self.engine
        let reader = EventLogReader(fileDescriptor: fd, path: name, ownsDescriptor: owns, resolver: engine.resolver, options: engine.readerOptions)
        let summary = try? reader.read { batch in engine.ingest(batch, from: source) }
        engine.endSource(source, summary: summary)
    }

    private func acceptLoop(_ fd: Int32) {
        var connection = 0
        while !stopping.load(ordering: .acquiring) {
            var address = sockaddr_in()
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let client = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { accept(fd, $0, &length) }
            }
            guard client >= 0 else {
                if errno == EINTR { continue }
                return   // the listener was closed (stop) or failed
            }
            connection += 1
            let port = UInt16(bigEndian: address.sin_port)
            let name = "tcp:127.0.0.1:\(port)#\(connection)"
            activeReaders.add(1, ordering: .acquiringAndReleasing)
            clients.withLock { _ = $0.insert(client) }
            Thread.detachNewThread { [self] in
                readDescriptor(client, name: name, owns: false)
                clients.withLock { _ = $0.remove(client) }
                _ = close(client)
            }
        }
    }

    static func listen(port: UInt16) throws(LiveError) -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw LiveError(.feedFailed, "cannot create a socket: errno \(errno)") }
        var one: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else {
            let e = errno
            _ = close(fd)
            throw LiveError(.feedFailed, "cannot listen on 127.0.0.1:\(port): errno \(e)\(e == EADDRINUSE ? " (address in use)" : "")")
        }
        guard Glibc.listen(fd, 128) == 0 else {
            _ = close(fd)
            throw LiveError(.feedFailed, "cannot listen on 127.0.0.1:\(port): errno \(errno)")
        }
        return fd
    }
}
