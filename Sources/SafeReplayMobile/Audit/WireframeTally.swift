/// What sanitizing one event's wireframes did, counted in plain integers while walking
/// the tree and folded into the ledger once per event.
struct WireframeTally {
    var maskedText = 0
    var maskedLabels = 0
    var maskedTitles = 0
    var removedImages = 0
    var removedValues = 0
    var removedOptions = 0
    var removedURLs = 0
    var removedText = 0
    var droppedKeys = 0
    var droppedStyle = 0
    var unknownTypes = 0
    var invalidFrames = 0
    var duplicateIDs = 0
    var tooDeep = 0
    var overLimit = 0
    var unknownIDs = 0
    var cycles = 0
    var maskedByRule: [String: Int] = [:]
    var blockedByRule: [String: Int] = [:]
}

extension AuditLedger {
    mutating func record(_ t: WireframeTally) {
        if t.maskedText > 0 { mask("wireframe:text", t.maskedText) }
        if t.maskedLabels > 0 { mask("wireframe:label", t.maskedLabels) }
        if t.maskedTitles > 0 { mask("wireframe:button-title", t.maskedTitles) }
        if t.removedImages > 0 { block("wireframe:image", t.removedImages) }
        if t.removedValues > 0 { block("wireframe:input-value", t.removedValues) }
        if t.removedOptions > 0 { block("wireframe:options", t.removedOptions) }
        if t.removedURLs > 0 { block("wireframe:url", t.removedURLs) }
        if t.removedText > 0 { block("wireframe:stray-text", t.removedText) }
        if t.droppedKeys > 0 { drop("wireframe:unknown-key", t.droppedKeys) }
        if t.droppedStyle > 0 { drop("wireframe:style", t.droppedStyle) }
        if t.unknownTypes > 0 { drop("wireframe:unknown-type", t.unknownTypes) }
        if t.invalidFrames > 0 { drop("wireframe:invalid-frame", t.invalidFrames) }
        if t.duplicateIDs > 0 { drop("wireframe:duplicate-id", t.duplicateIDs) }
        if t.tooDeep > 0 { drop("wireframe:too-deep", t.tooDeep) }
        if t.overLimit > 0 { drop("wireframe:limit", t.overLimit) }
        if t.unknownIDs > 0 { drop("unknown-node-id", t.unknownIDs) }
        if t.cycles > 0 { drop("wireframe:cycle", t.cycles) }
        for (rule, n) in t.maskedByRule { mask("rule:" + rule, n) }
        for (rule, n) in t.blockedByRule { block("rule:" + rule, n) }
    }
}
