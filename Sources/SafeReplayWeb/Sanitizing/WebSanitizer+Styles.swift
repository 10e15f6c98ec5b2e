import SafeReplayModel

extension WebSanitizer {
    /// Whether a stylesheet event's owner is a node the player has (`id`), or a
    /// constructed sheet (`styleId`, no node).
    private func styleOwnerKnown(id: Int?) -> Bool {
        guard let id else { return true }
        guard let s = mirror.slot(of: id) else { return false }
        return mirror.state(s).contains(.emitted)
    }

    func sanitizeStyleSheetRule(_ d: StyleSheetRuleData) -> IncrementalData? {
        guard styleOwnerKnown(id: d.id), d.id != nil || d.styleId != nil else { return dropped("style:unknown-owner") }
        let adds = d.adds?.map { StyleSheetAddRule(rule: content.css.sanitize($0.rule, audit: &auditCounters), index: $0.index) }
        let replace = d.replace.map { content.css.sanitize($0, audit: &auditCounters) }
        let replaceSync = d.replaceSync.map { content.css.sanitize($0, audit: &auditCounters) }
        return .styleSheetRule(StyleSheetRuleData(id: d.id, styleId: d.styleId, removes: d.removes, adds: adds, replace: replace, replaceSync: replaceSync))
    }

    func sanitizeStyleDeclaration(_ d: StyleDeclarationData) -> IncrementalData? {
        guard styleOwnerKnown(id: d.id), d.id != nil || d.styleId != nil else { return dropped("style:unknown-owner") }
        var set = d.set
        if let s = set, let value = s.value {
            set?.value = content.css.sanitizeValue(value, property: s.property, audit: &auditCounters)
        }
        return .styleDeclaration(StyleDeclarationData(id: d.id, styleId: d.styleId, index: d.index, set: set, removeProperty: d.removeProperty))
    }

    func sanitizeAdoptedStyleSheet(_ d: AdoptedStyleSheetData) -> IncrementalData? {
        guard styleOwnerKnown(id: d.id) else { return dropped("style:unknown-owner") }
        let styles = d.styles?.map { style in
            AdoptedStyleSheetData.Style(styleId: style.styleId, rules: style.rules.map {
                StyleSheetAddRule(rule: content.css.sanitize($0.rule, audit: &auditCounters), index: $0.index)
            })
        }
        return .adoptedStyleSheet(AdoptedStyleSheetData(id: d.id, styles: styles, styleIds: d.styleIds))
    }

    /// Web fonts: a URL source is canonicalized like any CSS `url()`; inlined font data
    /// (`buffer`) is dropped, as are descriptors (free-form).
    func sanitizeFont(_ d: FontData) -> IncrementalData? {
        guard !d.buffer else { return dropped("font:buffer") }
        let source: String
        if d.fontSource.contains("url(") {
            source = content.css.sanitize(d.fontSource, audit: &auditCounters)
        } else {
            guard let url = content.guardrail.canonicalizeURL(d.fontSource) else { return dropped("url") }
            source = url
        }
        return .font(FontData(family: d.family, fontSource: source, buffer: false))
    }
}
