import SafeReplayModel

extension WebSanitizer {
    /// `events` fidelity: clicks, focus changes and inputs become `interaction` entries
    /// naming the target by selector path; no values, no positions, no DOM.
    func logInteraction(_ data: IncrementalData) {
        let kind: String
        let id: Int
        switch data {
        case .mouseInteraction(let d):
            switch MouseInteractionType(rawValue: d.type) {
            case .click: kind = "click"
            case .dblClick: kind = "dblclick"
            case .contextMenu: kind = "contextmenu"
            case .focus: kind = "focus"
            case .blur: kind = "blur"
            case .touchStart: kind = "touch"
            default:
                auditCounters.drop(.fidelityEvents)
                return
            }
            id = d.id
            log.lastInputTarget = nil
        case .input(let d):
            guard log.lastInputTarget != d.id else { return }
            log.lastInputTarget = d.id
            kind = "input"
            id = d.id
        default:
            auditCounters.drop(.fidelityEvents)
            return
        }
        guard let s = mirror.slot(of: id) else {
            auditCounters.drop(.unknownNodeID)
            return
        }
        var payload = JSONObject()
        payload["kind"] = .string(kind)
        payload["target"] = .string(SelectorPath.of(s, in: mirror, guardrail: content.guardrail))
        payload["route"] = .string(log.route)
        emitCustom(.interaction, payload)
    }

    /// `heatmap` fidelity: click, pointer and page scroll positions per route template.
    func logHeatmap(_ data: IncrementalData) {
        let kind: String
        var points: [JSONValue] = []
        switch data {
        case .mouseInteraction(let d):
            guard d.type == MouseInteractionType.click.rawValue || d.type == MouseInteractionType.touchStart.rawValue,
                  let x = d.x, let y = d.y else {
                auditCounters.drop(.fidelityHeatmap)
                return
            }
            kind = "click"
            points = [.array([.double(x), .double(y)])]
        case .pointerPositions(_, let d):
            kind = "move"
            for p in d.positions where log.keepsPosition(at: timestamp + Int64(p.timeOffset.isFinite ? p.timeOffset : 0)) {
                points.append(.array([.double(p.x), .double(p.y)]))
            }
            guard !points.isEmpty else { return }
        case .scroll(let d):
            guard let s = mirror.slot(of: d.id), s == mirror.root else {
                auditCounters.drop(.fidelityHeatmap)
                return
            }
            kind = "scroll"
            points = [.array([.double(d.x), .double(d.y)])]
        case .viewportResize(let d):
            log.viewport = (d.width, d.height)
            return
        default:
            auditCounters.drop(.fidelityHeatmap)
            return
        }
        var payload = JSONObject()
        payload["kind"] = .string(kind)
        payload["route"] = .string(log.route)
        payload["points"] = .array(points)
        payload["width"] = log.viewport.width.map(JSONValue.double) ?? .null
        payload["height"] = log.viewport.height.map(JSONValue.double) ?? .null
        emitCustom(.heatmap, payload)
    }

    /// Feeds clicks to the rage-click detector; a burst emits one `frustration` event.
    func noteFrustration(_ d: MouseInteractionData) {
        guard d.type == MouseInteractionType.click.rawValue,
              let count = log.rage.click(target: d.id, x: d.x, y: d.y, at: timestamp) else { return }
        guard let s = mirror.slot(of: d.id) else { return }
        // In DOM modes the click itself is emitted first, then the signal.
        pendingFrustration = (SelectorPath.of(s, in: mirror, guardrail: content.guardrail), count)
    }

    /// Emits the frustration signal noted for the event just handled.
    func flushFrustration() {
        guard let (target, count) = pendingFrustration else { return }
        pendingFrustration = nil
        var payload = JSONObject()
        payload["kind"] = .string("rage-click")
        payload["target"] = .string(target)
        payload["count"] = .int(Int64(count))
        payload["route"] = .string(log.route)
        emitCustom(.frustration, payload)
    }
}
