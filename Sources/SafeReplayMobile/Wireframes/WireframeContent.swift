import SafeReplayModel
import SafeReplayPolicy

/// Turns a host wireframe into its text-free form. Only the node's own fields: children
/// and view rules are the mirror's business.
enum WireframeContent {
    /// The keys a view walker may add for view rules (a SafeReplay extension, never emitted).
    static let viewClassKey = "viewClass"
    static let viewIDKey = "viewId"

    static func sanitize(_ w: Wireframe, id: Int64, urls: URLCanonicalizer, tally: inout WireframeTally) -> SafeWireframe {
        var s = SafeWireframe(id: id)
        s.x = Frame.coordinate(w.x)
        s.y = Frame.coordinate(w.y)
        s.width = Frame.coordinate(w.width)
        s.height = Frame.coordinate(w.height)
        if (w.x != nil && s.x == nil) || (w.y != nil && s.y == nil) || (w.width != nil && s.width == nil) || (w.height != nil && s.height == nil) {
            tally.invalidFrames += 1
        }
        s.disabled = w.disabled
        if let style = w.style { s.style = SafeStyle(style, dropped: &tally.droppedStyle) }
        if let type = w.type {
            if let kind = WireframeKind(rawValue: type) {
                s.kind = kind
            } else {
                s.kind = .placeholder
                tally.unknownTypes += 1
            }
        }

        var keptText = false, keptLabel = false, keptValue = false, keptURL = false
        switch s.kind {
        case .text?:
            if let text = w.text, !text.isEmpty {
                s.masksText = true
                tally.maskedText += 1
            }
            keptText = true
        case .placeholder?:
            if let label = w.label, !label.isEmpty {
                s.masksLabel = true
                tally.maskedLabels += 1
            }
            keptLabel = true
        case .webView?:
            // What the web does for an iframe `src`: canonical, or not at all.
            if let url = w.url {
                s.url = urls.canonicalize(url)
                keptURL = s.url != nil
            }
        case .input?:
            let known = w.inputType.flatMap(InputKind.init(rawValue:))
            if w.inputType != nil && known == nil { tally.unknownTypes += 1 }
            let input = known ?? .text
            s.inputKind = input
            switch input {
            case .checkbox, .radio, .toggle:
                s.checked = w.checked
                if let label = w.label, !label.isEmpty {
                    s.masksLabel = true
                    tally.maskedLabels += 1
                }
                keptLabel = true
            case .button:
                if case .string(let title)? = w.value, !title.isEmpty {
                    s.masksValue = true
                    tally.maskedTitles += 1
                    keptValue = true
                }
            case .progress:
                if let v = w.value?.doubleValue, v.isFinite, abs(v) <= 1e9 {
                    s.progress = v
                    keptValue = true
                }
                if let max = w.max, max.isFinite, abs(max) <= 1e9 { s.max = max }
            case .text, .password, .email, .number, .search, .tel, .url, .select, .textArea:
                // Typed values keep nothing, not even "was filled": only type and frame.
                break
            }
        default:
            break
        }

        if w.value != nil && !keptValue { tally.removedValues += 1 }
        if w.text != nil && !keptText { tally.removedText += 1 }
        if w.label != nil && !keptLabel { tally.removedText += 1 }
        if w.base64 != nil { tally.removedImages += 1 }
        if w.url != nil && !keptURL { tally.removedURLs += 1 }
        if w.options != nil { tally.removedOptions += 1 }
        if !w.unknownKeys.isEmpty {
            for member in w.unknownKeys.members where member.key != viewClassKey && member.key != viewIDKey {
                tally.droppedKeys += 1
            }
        }
        return s
    }
}
