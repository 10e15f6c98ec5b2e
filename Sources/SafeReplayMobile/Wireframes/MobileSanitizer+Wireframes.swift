import SafeReplayModel

extension MobileSanitizer {
    /// A host FullSnapshot replaces the mirror; on a wireframe screen it goes out as a
    /// checkout (after a Meta), everywhere else it is only followed.
    func handleFullSnapshot(_ data: FullSnapshotData, at time: Int64) {
        guard case .wireframes(let wireframes) = data.content else {
            ledger.drop(.domSnapshot)
            return
        }
        flushMoves()
        var tally = WireframeTally()
        mirror.replace(with: wireframes, tally: &tally)
        tally.droppedKeys += data.unknownKeys.count
        if mode == .wireframes {
            ledger.record(tally)
            emitSnapshot(at: time)
        } else {
            ledger.drop(mode.withholdingReason)
        }
    }

    /// A wireframe mutation updates the mirror; on a wireframe screen its sanitized form
    /// goes out, or a whole snapshot when the player has none (or one is owed).
    func applyMutation(_ data: WireframeMutationData, at time: Int64) {
        flushMoves()
        var tally = WireframeTally()
        let changes = mirror.apply(data, tally: &tally)
        guard mode == .wireframes else {
            ledger.drop(mode.withholdingReason)
            return
        }
        ledger.record(tally)
        if checkoutOwed || !playerHasSnapshot {
            if mirror.hasEmittedContent { emitSnapshot(at: time) }
            return
        }
        out.begin(.incrementalSnapshot)
        if mirror.encodeMutationData(changes, into: out.writer) {
            out.finish(.incrementalSnapshot, timestamp: time)
        }
    }

    /// Incremental events: wireframe mutations, and touches sent in-band (PostHog-style
    /// hosts that send `MouseInteraction`/`TouchMove` rather than calling `touch`).
    func handleIncremental(_ data: IncrementalData, at time: Int64) {
        switch data {
        case .wireframeMutation(let d):
            applyMutation(d, at: time)
        case .mutation:
            ledger.drop(.domSnapshot)
        case .mouseInteraction(let d):
            let phase: TouchPhase
            switch MouseInteractionType(rawValue: d.type) {
            case .touchStart: phase = .down
            case .touchEnd: phase = .up
            case .touchCancel: phase = .cancel
            default:
                ledger.drop(.mouseInteraction)
                return
            }
            guard let x = d.x, let y = d.y else {
                ledger.drop(.touchInvalid)
                return
            }
            handleTouch(pointerID: d.id, phase: phase, x: x, y: y, timestamp: time)
        case .pointerPositions(.touchMove, let d):
            for p in d.positions {
                guard p.timeOffset.isFinite, abs(p.timeOffset) < 86_400_000 else {
                    ledger.drop(.touchInvalid)
                    continue
                }
                handleTouch(pointerID: p.id, phase: .move, x: p.x, y: p.y, timestamp: time + Int64(p.timeOffset))
            }
        default:
            ledger.drop(.incrementalSource)
        }
    }

    /// Host Custom events: only `keyboard` is read; every other tag is dropped.
    func handleCustom(_ data: CustomData, at time: Int64) {
        guard data.tag == MobileCustomTag.keyboard.rawValue else {
            ledger.drop(.customTag)
            return
        }
        guard let reported = data.payload.objectValue, let open = reported["open"]?.boolValue else {
            ledger.drop(.keyboardInvalid)
            return
        }
        flushMoves()
        guard open else {
            keyboard.close()
            emitKeyboard(["open": .bool(false)], at: time)
            return
        }
        func size(_ key: String) -> Double? {
            guard let v = reported[key]?.doubleValue, v.isFinite, v >= 0, v <= Frame.limit else { return nil }
            return v
        }
        let height = size("height").flatMap { $0 > 0 ? $0 : nil }
        let top = size("y")
        keyboard.open(height: height, top: top, viewportHeight: viewportHeight)
        // The player needs a height to draw it; without one the region still covers the
        // whole screen for touches.
        guard let height else {
            ledger.drop(.keyboardInvalid)
            return
        }
        var payload: JSONObject = ["open": .bool(true), "height": .double(height)]
        for key in ["width", "x", "y"] {
            if let v = size(key) { payload[key] = .double(v) }
        }
        emitKeyboard(payload, at: time)
    }

    private func emitKeyboard(_ payload: JSONObject, at time: Int64) {
        guard mode == .wireframes else {
            ledger.drop(mode.withholdingReason)
            return
        }
        payCheckout(at: time)
        out.custom(.keyboard, timestamp: time, payload)
    }
}
