public import ServiceLifecycle
public import ThrongLive
import Foundation

/// Runs a live engine's feed beside the server. When the feed ends by itself (standard input
/// closed) the engine finishes (final figures, checkpoint); on graceful shutdown the feed stops,
/// the engine finishes the same way, and `onFinish` gets the final epoch (to write a snapshot).
public struct LiveEngineService: Service {
    let engine: LiveEngine
    let runner: FeedRunner
    let onFinish: @Sendable (LiveEpoch) -> Void

    /// - Parameters:
    ///   - runner: the feed, not yet started.
    public init(engine: LiveEngine, runner: FeedRunner, onFinish: @escaping @Sendable (LiveEpoch) -> Void) {
        self.engine = engine
        self.runner = runner
        self.onFinish = onFinish
    }

    /// Starts the feed; returns after the engine has finished.
    public func run() async throws {
        let engine = self.engine, runner = self.runner
        engine.start()
        try runner.start()
        while !runner.hasEnded && !Task.isShuttingDownGracefully && !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(100))
        }
        runner.stop()
        // The engine's finish blocks while it drains: off the cooperative pool.
        let epoch = await withCheckedContinuation { (done: CheckedContinuation<LiveEpoch, Never>) in
            Thread.detachNewThread {
                runner.waitForReaders()
                done.resume(returning: engine.finish())
            }
        }
        onFinish(epoch)
        if !Task.isShuttingDownGracefully && !Task.isCancelled {
            // The feed ended by itself: keep serving the final figures until shutdown.
            try? await gracefulShutdown()
        }
    }
}
