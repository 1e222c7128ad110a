import Foundation
import Testing
@testable import ThrongStore

@Suite struct AtomicFileReplacementTests {
    @Test func successReplacesAndLeavesNoTemporary() throws {
        let dir = try makeStoreTempDir()
        let target = dir + "/out.bin"
        try Data("old".utf8).write(to: URL(fileURLWithPath: target))
        var seenTemporary = ""
        let r = try AtomicFileReplacement.replace(at: target) { tmp in
            seenTemporary = tmp
            #expect(FileManager.default.fileExists(atPath: tmp))
            try Data("new contents".utf8).write(to: URL(fileURLWithPath: tmp))
            return 5
        }
        #expect(r == 5)
        #expect(try fileBytes(target) == Data("new contents".utf8))
        #expect(seenTemporary.hasPrefix(dir + "/.out.bin.tmp-\(getpid())-"))
        #expect(try directoryListing(dir) == ["out.bin"])
    }

    @Test func failureLeavesOldFileAndNoTemporary() throws {
        let dir = try makeStoreTempDir()
        let target = dir + "/out.bin"
        let old = Data((0..<10_000).map { UInt8(truncatingIfNeeded: $0) })
        try old.write(to: URL(fileURLWithPath: target))
        #expect(throws: InjectedFailure.self) {
            try AtomicFileReplacement.replace(at: target) { tmp in
                try Data("half written".utf8).write(to: URL(fileURLWithPath: tmp))
                throw InjectedFailure()
            }
        }
        #expect(try fileBytes(target) == old)
        #expect(try directoryListing(dir) == ["out.bin"])
    }

    @Test func createsMissingTargetAndKeepsPermissions() throws {
        let dir = try makeStoreTempDir()
        let target = dir + "/new.bin"
        try AtomicFileReplacement.replace(at: target) { tmp in try Data("a".utf8).write(to: URL(fileURLWithPath: tmp)) }
        #expect(try fileBytes(target) == Data("a".utf8))
        chmod(target, 0o600)
        try AtomicFileReplacement.replace(at: target) { tmp in try Data("b".utf8).write(to: URL(fileURLWithPath: tmp)) }
        let mode = try FileManager.default.attributesOfItem(atPath: target)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try fileBytes(target) == Data("b".utf8))
    }

    @Test func missingDirectoryFails() throws {
        let dir = try makeStoreTempDir()
        let error = #expect(throws: ThrongStoreError.self) {
            try AtomicFileReplacement.replace(at: dir + "/no/such/dir/x.bin") { _ in }
        }
        #expect(error?.code == .fileSystemFailed)
    }

    @Test func removesOnlyStaleTemporaries() throws {
        let dir = try makeStoreTempDir()
        let target = dir + "/snap.sqlite"
        // A pid that cannot be running: above the kernel's pid_max (at most 2^22).
        let stale = dir + "/.snap.sqlite.tmp-99999999-00000000000000ab"
        let live = dir + "/.snap.sqlite.tmp-\(getpid())-00000000000000cd"
        let other = dir + "/.other.sqlite.tmp-99999999-00000000000000ef"
        for p in [stale, live, other] { _ = FileManager.default.createFile(atPath: p, contents: Data()) }
        let removed = AtomicFileReplacement.removeStaleTemporaries(for: target)
        #expect(removed == [stale])
        #expect(try directoryListing(dir) == [".other.sqlite.tmp-99999999-00000000000000ef", ".snap.sqlite.tmp-\(getpid())-00000000000000cd"])
    }
}
