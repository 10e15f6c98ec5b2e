public import SafeReplayModel

extension WebSanitizer {
    func handleIncremental(_ data: IncrementalData) {
        switch data {
        case .mutation(let m):
            // The mirror follows the page in every mode, so a paused recording can resume.
            handleMutation(m)
            return
        case .wireframeMutation:
            auditCounters.drop(.wireframes)
            return
        case .canvasMutation:
            // Canvas is media (blocked by default), and its draw calls can carry text.
            auditCounters.drop(.canvas)
            return
        case .log:
            auditCounters.drop(.log)
            return
        case .unknown:
            auditCounters.drop(.unknownSource)
            return
        default:
            break
        }
        if case .mouseInteraction(let d) = data, mode.isDOM || mode == .events { noteFrustration(d) }
        switch mode {
        case .off:
            auditCounters.drop(.paused)
        case .events:
            logInteraction(data)
        case .heatmap:
            logHeatmap(data)
        case .dom:
            guard playerHasSnapshot else {
                auditCounters.drop(.beforeSnapshot)
                return
            }
            emitSanitizedInteraction(data)
        }
    }

    /// ``sanitize(_:)`` for a pointer event read by ``Event/decodePointerMove(_:into:texts:)``
    /// (most of a session's events), its positions in the decoder's buffer: the same output
    /// and counts, without the event and its array of positions. Emitted straight from the
    /// buffer when the page is recorded in full and the player has a snapshot, a position
    /// that keeps its id copied from its text when it has one; otherwise (paused, events or
    /// heatmap only, no snapshot yet) handled as the event.
    public func sanitizePointerMove(
        source: IncrementalSource, positions: UnsafeBufferPointer<PointerPosition>,
        texts: UnsafeBufferPointer<UnsafeRawBufferPointer>, timestamp eventTimestamp: Int64
    ) -> [SanitizedEvent] {
        beginEvent(at: eventTimestamp)
        if case .dom = mode, playerHasSnapshot {
            emitKeptPositions(positions, texts: texts, source: source)
        } else {
            handleIncremental(.pointerPositions(source, PointerPositionsData(positions: Array(positions))))
        }
        flushFrustration()
        return output
    }

    /// The id the player knows for node `id`: itself when emitted, else its nearest emitted
    /// ancestor (a blocked placeholder); `nil` for unknown nodes.
    func emittedTarget(_ id: Int) -> Int32? {
        guard var s = mirror.slot(of: id) else { return nil }
        while s != Mirror.none {
            if mirror.state(s).contains(.emitted) { return s }
            s = mirror.parent(s)
        }
        return nil
    }

    /// Emits the sanitized form of an interaction, or counts why it was dropped. Each case
    /// emits the value it built, of a case known here: returned as an `Optional` to one
    /// emit call, it was destroyed through Optional's generic value witness (~225
    /// instructions an event).
    private func emitSanitizedInteraction(_ data: IncrementalData) {
        switch data {
        case .pointerPositions(let source, let d):
            d.positions.withUnsafeBufferPointer { emitKeptPositions($0, texts: nil, source: source) }
        case .mouseInteraction(let d):
            guard let s = emittedTarget(d.id) else { return auditCounters.drop(.unknownNodeID) }
            emitIncremental(.mouseInteraction(MouseInteractionData(type: d.type, id: mirror.id(s), x: d.x, y: d.y, pointerType: d.pointerType)))
        case .scroll(let d):
            guard let s = emittedTarget(d.id) else { return auditCounters.drop(.unknownNodeID) }
            if s == mirror.root { documentScroll = ScrollOffset(top: d.y, left: d.x) }
            emitIncremental(.scroll(ScrollData(id: mirror.id(s), x: d.x, y: d.y)))
        case .viewportResize(let d):
            meta.width = d.width
            meta.height = d.height
            log.viewport = (d.width, d.height)
            emitIncremental(.viewportResize(ViewportResizeData(width: d.width, height: d.height)))
        case .input(let d):
            emitIfKept(sanitizeInput(d))
        case .mediaInteraction(let d):
            guard let s = mirror.slot(of: d.id), mirror.state(s).contains(.emitted), !mirror.state(s).contains(.placeholder) else {
                return auditCounters.drop(.mediaBlocked)
            }
            emitIncremental(.mediaInteraction(MediaInteractionData(type: d.type, id: d.id, currentTime: d.currentTime, volume: d.volume, muted: d.muted, loop: d.loop, playbackRate: d.playbackRate)))
        case .selection(let d):
            emitIfKept(sanitizeSelection(d))
        case .styleSheetRule(let d):
            emitIfKept(sanitizeStyleSheetRule(d))
        case .styleDeclaration(let d):
            emitIfKept(sanitizeStyleDeclaration(d))
        case .adoptedStyleSheet(let d):
            emitIfKept(sanitizeAdoptedStyleSheet(d))
        case .font(let d):
            emitIfKept(sanitizeFont(d))
        case .customElement(let d):
            guard let name = d.defineName else { return auditCounters.drop(.customElement) }
            emitIncremental(.customElement(CustomElementData(defineName: name)))
        case .mutation, .wireframeMutation, .canvasMutation, .log, .unknown:
            return
        }
    }

    private func emitIfKept(_ data: IncrementalData?) {
        if let data { emitIncremental(data) }
    }

    /// Positions on nodes the replay shows, at the rate the log keeps, with the ids the
    /// replay knows them by; the rest are counted. Each kept position is written straight
    /// into the event (one event, none when nothing is kept): building the kept array and
    /// an `IncrementalData` around it cost an allocation, a copy and a destroy whenever a
    /// position was dropped or renamed (~40% of pointer events).
    ///
    /// `texts`, when given, holds each position's JSON as it came when that is exactly what
    /// ``JSONWriter/pointerPosition(x:y:id:timeOffset:)`` writes for it (else an empty
    /// buffer): a position whose id the player knows is copied from it (~170 instructions
    /// fewer a position than writing its four numbers).
    private func emitKeptPositions(
        _ input: UnsafeBufferPointer<PointerPosition>, texts: UnsafeBufferPointer<UnsafeRawBufferPointer>?, source: IncrementalSource
    ) {
        eventWriter.reset()
        var w = eventWriter
        IncrementalData.beginPositionsEvent(source: source, into: &w)
        var kept = 0
        for i in input.indices {
            let p = input[i]
            guard let target = emittedTarget(p.id),
                  log.keepsPosition(at: timestamp + Int64(p.timeOffset.isFinite ? p.timeOffset : 0))
            else { continue }
            let id = mirror.id(target)
            if let texts, id == p.id, texts[i].count > 0 {
                w.raw(texts[i].assumingMemoryBound(to: UInt8.self))
            } else {
                w.pointerPosition(x: p.x, y: p.y, id: id, timeOffset: p.timeOffset)
            }
            kept += 1
        }
        if kept < input.count { auditCounters.drop(.position, input.count - kept) }
        // Nothing kept: the half-written event stays in the writer until its next reset.
        guard kept > 0 else { return }
        IncrementalData.endPositionsEvent(timestamp: timestamp, into: &w)
        emitIncrementalWritten()
    }

    func dropped(_ reason: String) -> IncrementalData? {
        auditCounters.drop(reason)
        return nil
    }

    func dropped(_ reason: AuditReason) -> IncrementalData? {
        auditCounters.drop(reason)
        return nil
    }

    /// Selections carry node ids and offsets, no text; kept only when both ends are text
    /// the player shows as it was (masking can change lengths and reveal nothing then).
    private func sanitizeSelection(_ d: SelectionData) -> IncrementalData? {
        let mode = self.mode.contentMode
        for r in d.ranges {
            for id in [r.start, r.end] {
                guard let s = mirror.slot(of: id), mirror.state(s).contains(.emitted) else { return dropped(.selection) }
                let st = mirror.state(s)
                if mirror.kind(s) == .text && (content.masksText(st, mode) || st.contains(.inField)) { return dropped(.selection) }
            }
        }
        return .selection(SelectionData(ranges: d.ranges))
    }
}
