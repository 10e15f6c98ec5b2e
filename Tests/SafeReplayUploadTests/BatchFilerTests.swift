#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SafeReplayModel
import Testing
@testable import SafeReplayUpload

@Suite struct BatchFilerTests {
    @Test func jobsRunInSubmissionOrderOffTheSubmittingThread() {
        let filer = BatchFiler(capacity: 3)
        let log = Locked<[Int]>([])
        let submitter = pthread_self()
        let offThread = Locked(true)
        for i in 0..<50 {
            filer.submit {
                if pthread_equal(pthread_self(), submitter) != 0 { offThread.withLock { $0 = false } }
                log.withLock { $0.append(i) }
            }
        }
        filer.waitUntilFiled()
        #expect(log.withLock { $0 } == Array(0..<50))
        #expect(offThread.withLock { $0 })
    }

    @Test func aSubmitterWaitsForRoomBeyondTheCapacity() {
        let filer = BatchFiler(capacity: 2)
        let gate = Locked(false)
        let ran = Locked(0)
        let job = {
            while !gate.withLock({ $0 }) { usleep(200) }
            ran.withLock { $0 += 1 }
        }
        // Two fit; the third submit must block until the gate opens and a job finishes.
        filer.submit(job)
        filer.submit(job)
        let thirdSubmitted = Locked(false)
        #expect(DetachedThread.start {
            filer.submit(job)
            thirdSubmitted.withLock { $0 = true }
        })
        usleep(50_000)
        #expect(!thirdSubmitted.withLock { $0 })
        #expect(ran.withLock { $0 } == 0)
        gate.withLock { $0 = true }
        while !thirdSubmitted.withLock({ $0 }) { usleep(200) }
        filer.waitUntilFiled()
        #expect(ran.withLock { $0 } == 3)
    }

    @Test func aFilingFailureIsThrownByTheNextFlushAndCounted() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        var configuration = UploadConfiguration()
        configuration.maxEvents = 2
        let pipeline = try UploadPipeline(configuration: configuration, spoolDirectory: dir.path, sessionId: "s", policyHash: "p", clock: TestClock())
        dir.remove()
        // The second append closes a batch; it is filed on the filing thread, into a
        // spool whose directory is gone. The failure is thrown once: by that append when
        // the filing thread was quicker than its return, else by the flush.
        try pipeline.append(Events.incremental(0))
        var reported = 0
        do { try pipeline.append(Events.incremental(1)) } catch { reported += 1 }
        do { try pipeline.flush() } catch { reported += 1 }
        #expect(reported == 1)
        let statistics = pipeline.currentStatistics
        #expect(statistics.batchesLost == 1)
        #expect(statistics.eventsLost == 2)
        // Reported once: the next flush has nothing new to report.
        try pipeline.flush()
    }
}
