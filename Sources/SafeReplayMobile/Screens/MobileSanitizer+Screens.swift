import SafeReplayModel

extension MobileSanitizer {
    /// A Meta event: the host's screen signal. Classifies the screen and switches mode.
    func handleMeta(_ data: MetaData, at time: Int64) {
        flushMoves()
        let name = data.href ?? ""
        let previous = mode
        verdict = screens.classify(name)
        let (template, found) = ScreenTemplate.of(name, detector: detector)
        screenTemplate = template
        for type in found {
            ledger.detect(type.rawValue)
            ledger.mask(type.rawValue)
        }
        mode = CaptureMode(verdict.fidelity)
        if let w = data.width, w.isFinite, w > 0, w <= Frame.limit { viewportWidth = w }
        if let h = data.height, h.isFinite, h > 0, h <= Frame.limit { viewportHeight = h }
        keyboard.update(viewportHeight: viewportHeight)

        if mode != .wireframes {
            playerHasSnapshot = false
            checkoutOwed = false
        }
        switch mode {
        case .off:
            pointers.reset()
            gestures.reset()
            if previous != .off {
                out.custom(.recordingPaused, timestamp: time, [
                    "level": .string(verdict.level.rawValue),
                    "rule": verdict.ruleName.map(JSONValue.string) ?? .null,
                ])
            }
        case .events:
            out.custom(.navigation, timestamp: time, ["screen": .string(screenTemplate)])
        case .heatmap, .waiting:
            break
        case .wireframes:
            out.meta(href: screenTemplate, width: viewportWidth, height: viewportHeight, timestamp: time)
            if previous != .wireframes { checkoutOwed = true }
        }
        if !verdict.isClassified { raiseDrift(at: time) }
    }

    /// Raises a screen drift alert once per template; its Custom event is emitted except
    /// on a paused screen, where nothing but `recording-paused` is.
    func raiseDrift(at time: Int64) {
        guard let alert = drift.raise(screen: screenTemplate, level: verdict.level.rawValue), mode != .off else { return }
        out.custom(.drift, timestamp: time, [
            "kind": .string(alert.kind.rawValue),
            "subject": .string(alert.subject),
            "level": .string(alert.appliedLevel),
        ])
    }

    /// Whether touches and locations may be recorded on this screen; counts them when not
    /// (a paused screen, or none named yet).
    func admitsInput() -> Bool {
        switch mode {
        case .wireframes, .events, .heatmap:
            return true
        case .off, .waiting:
            ledger.drop(mode.withholdingReason)
            return false
        }
    }

    /// Sends the snapshot owed since entering a wireframe screen, if the mirror has one.
    func payCheckout(at time: Int64) {
        guard checkoutOwed, mirror.hasEmittedContent else { return }
        emitSnapshot(at: time)
    }

    /// Meta (unless one was just sent) + FullSnapshot of the mirror: a checkout.
    func emitSnapshot(at time: Int64) {
        if !out.lastWasMeta {
            out.meta(href: screenTemplate, width: viewportWidth, height: viewportHeight, timestamp: time)
        }
        out.begin(.fullSnapshot)
        mirror.encodeSnapshotData(into: out.writer)
        out.finish(.fullSnapshot, timestamp: time, checkout: true)
        playerHasSnapshot = true
        checkoutOwed = false
    }
}
