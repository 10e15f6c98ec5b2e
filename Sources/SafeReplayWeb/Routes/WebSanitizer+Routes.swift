import SafeReplayModel
import SafeReplayPolicy

extension WebSanitizer {
    /// A Meta event: the host's navigation signal. Classifies the route and switches the
    /// capture mode; entering a DOM mode from another mode (or another masking) rebuilds
    /// the player's page from the mirror.
    func handleMeta(_ data: MetaData) {
        let previousMode = mode
        let firstMeta = !sawMeta
        sawMeta = true
        let parts = URLParts(href: data.href ?? "")
        let template = content.guardrail.routeTemplate(path: parts.path)
        route = routes.classify(parts, template: template)
        mode = CaptureMode(route.fidelity)
        meta = MetaData(href: data.href.flatMap(content.guardrail.canonicalizeURL), width: data.width, height: data.height)
        if data.href != nil && meta.href == nil { auditCounters.drop("url") }
        if !route.isClassified { raiseDrift(.route, subject: template) }
        if route.level >= .medium { raiseFieldDrift() }

        switch mode {
        case .off:
            playerHasSnapshot = false
            if previousMode != .off || firstMeta {
                var payload = JSONObject()
                payload["level"] = .string(route.level.rawValue)
                payload["rule"] = route.ruleName.map(JSONValue.string) ?? .null
                emitCustom(.recordingPaused, payload)
            }
        case .events:
            playerHasSnapshot = false
            log.navigated(to: template)
            emitCustom(.navigation, ["route": .string(template)])
        case .heatmap:
            playerHasSnapshot = false
            log.navigated(to: template)
            log.viewport = (data.width, data.height)
        case .dom:
            log.navigated(to: template)
            log.viewport = (data.width, data.height)
            emit(Event(timestamp: timestamp, body: .meta(meta)))
            if (previousMode != mode || !playerHasSnapshot) && !mirror.isEmpty {
                emitSnapshotFromMirror(initialOffset: nil)
            }
        }
    }

    /// Emits a drift alert's Custom event once per (kind, subject).
    func raiseDrift(_ kind: DriftAlert.Kind, subject: String) {
        guard let alert = drift.raise(kind, subject: subject, level: route.level.rawValue) else { return }
        var payload = JSONObject()
        payload["kind"] = .string(alert.kind.rawValue)
        payload["subject"] = .string(alert.subject)
        payload["level"] = .string(alert.appliedLevel)
        emitCustom(.drift, payload)
    }

    /// Host Custom events: only `page-status` is read; every other tag is dropped.
    func handleCustom(_ data: CustomData) {
        guard data.tag == CustomTag.pageStatus.rawValue else {
            auditCounters.drop("custom-tag")
            return
        }
        let status = data.payload["status"]?.int64Value ?? data.payload.int64Value
        guard let status, (100...599).contains(status) else {
            auditCounters.drop("page-status:invalid")
            return
        }
        if status >= 400 { raiseDrift(.pageStatus, subject: String(status)) }
    }
}
