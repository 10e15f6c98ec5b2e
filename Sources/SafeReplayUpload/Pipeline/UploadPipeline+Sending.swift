extension UploadPipeline {
    /// A sender over this pipeline's store.
    public func makeSender(
        transport: any BatchTransport, sleeper: any UploadSleeper = TaskSleeper(),
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) -> Sender {
        Sender(store: store, transport: transport, configuration: configuration, sleeper: sleeper, clock: clock, random: random)
    }

    /// Sends batches as they are filed and closes batches that reach `maxAge`, until the
    /// task is cancelled or the pipeline is closed with nothing left to send. The session
    /// runs this in a task of its own when the policy names an endpoint.
    public func runSender(
        transport: any BatchTransport, sleeper: any UploadSleeper = TaskSleeper(),
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) async {
        let sender = makeSender(transport: transport, sleeper: sleeper, random: random)
        while !Task.isCancelled {
            try? tick()
            _ = await sender.drain()
            if isClosed && store.pending().isEmpty { return }
            let due = millisecondsUntilDue.map { Double($0) / 1000 }
            await batchSignal.wait(timeout: due, sleeper: sleeper)
        }
    }
}
