import SafeReplayModel
import SafeReplayPolicy

/// What the view rules say about one wireframe.
struct ViewVerdict {
    enum Content: Int, Comparable {
        /// No rule, or `unmask` (there is no text to reveal on mobile), or `ignore` alone.
        case none
        /// As the default: text is masked anyway. Counted under the rule.
        case mask
        /// A same-size placeholder without children.
        case block
        /// Removed with its subtree.
        case drop

        static func < (a: Content, b: Content) -> Bool { a.rawValue < b.rawValue }
    }

    var content: Content = .none
    /// The rule behind `content`, for the audit.
    var rule: String?
    /// `ignore`, `block` or `drop`: touches on the view's frame are dropped.
    var dropsTouches = false

    static let none = ViewVerdict()

    mutating func merge(_ rule: ViewRule) {
        let content: Content
        switch rule.action {
        case .unmask, .ignore: content = .none
        case .mask: content = .mask
        case .block: content = .block
        case .drop: content = .drop
        }
        if rule.action == .ignore || rule.action == .block || rule.action == .drop { dropsTouches = true }
        if content > self.content || (content == self.content && content != .none && self.rule == nil) {
            self.content = content
            self.rule = rule.name
        }
    }
}

/// The policy's view rules, compiled for lookup by the class name and identifier a
/// view walker reports (`viewClass`, `viewId`). Both are exact matches; a rule naming
/// both needs both. The strictest action wins.
struct ViewRuleBook {
    private var byClass: [String: ViewVerdict] = [:]
    private var byIdentifier: [String: ViewVerdict] = [:]
    private var byBoth: [ViewRule] = []

    let isEmpty: Bool

    init(rules: [ViewRule]) {
        isEmpty = rules.isEmpty
        for rule in rules {
            switch (rule.className, rule.identifier) {
            case (let c?, nil): byClass[c, default: .none].merge(rule)
            case (nil, let i?): byIdentifier[i, default: .none].merge(rule)
            case (_?, _?): byBoth.append(rule)
            case (nil, nil): break
            }
        }
    }

    func verdict(for w: Wireframe) -> ViewVerdict {
        guard !isEmpty, !w.unknownKeys.isEmpty else { return .none }
        var viewClass: String?
        var viewID: String?
        for member in w.unknownKeys.members {
            if member.key == WireframeContent.viewClassKey {
                viewClass = member.value.stringValue
            } else if member.key == WireframeContent.viewIDKey {
                viewID = member.value.stringValue
            }
        }
        return verdict(viewClass: viewClass, viewID: viewID)
    }

    func verdict(viewClass: String?, viewID: String?) -> ViewVerdict {
        var v = ViewVerdict.none
        if let viewClass, let hit = byClass[viewClass] { v.absorb(hit) }
        if let viewID, let hit = byIdentifier[viewID] { v.absorb(hit) }
        if let viewClass, let viewID {
            for rule in byBoth where rule.className == viewClass && rule.identifier == viewID { v.merge(rule) }
        }
        return v
    }
}

extension ViewVerdict {
    mutating func absorb(_ other: ViewVerdict) {
        dropsTouches = dropsTouches || other.dropsTouches
        if other.content > content {
            content = other.content
            rule = other.rule
        }
    }
}
