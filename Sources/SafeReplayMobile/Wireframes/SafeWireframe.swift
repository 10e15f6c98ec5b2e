import SafeReplayModel

/// A wireframe as it may leave the device: a frame, a kind, a few numbers, booleans
/// and parsed style values. Its one string is a web view's URL as the URL canonicalizer
/// rewrote it; no text, label, value or image can be written from it.
struct SafeWireframe: Equatable {
    /// The fixed mask shown where the host reported text: a viewer sees that text was
    /// there, never its length.
    static let mask = "****"

    var id: Int64
    var x: Double?
    var y: Double?
    var width: Double?
    var height: Double?
    var kind: WireframeKind?
    var inputKind: InputKind?
    /// `text` (text wireframes) as the mask.
    var masksText = false
    /// `label` (toggles, placeholders) as the mask.
    var masksLabel = false
    /// `value` (a button's title) as the mask.
    var masksValue = false
    /// A progress bar's numeric value.
    var progress: Double?
    var max: Double?
    var disabled: Bool?
    var checked: Bool?
    var style: SafeStyle?
    /// A web view's URL, canonical (the web's rules for `src`).
    var url: String?

    init(id: Int64) {
        self.id = id
    }

    /// A `block` rule's replacement: the same frame, drawn as an empty placeholder.
    static func placeholder(id: Int64, frameOf w: Wireframe) -> SafeWireframe {
        var s = SafeWireframe(id: id)
        s.x = Frame.coordinate(w.x)
        s.y = Frame.coordinate(w.y)
        s.width = Frame.coordinate(w.width)
        s.height = Frame.coordinate(w.height)
        s.kind = .placeholder
        return s
    }

    /// Writes the members (not the braces, not the children).
    func encodeFields(into w: JSONWriter) {
        w.field("id")
        w.int64(id)
        if let x { w.field("x"); w.double(x) }
        if let y { w.field("y"); w.double(y) }
        if let width { w.field("width"); w.double(width) }
        if let height { w.field("height"); w.double(height) }
        if let kind { w.field("type"); w.string(kind.rawValue) }
        if let inputKind { w.field("inputType"); w.string(inputKind.rawValue) }
        if masksText { w.field("text"); w.string(Self.mask) }
        if masksLabel { w.field("label"); w.string(Self.mask) }
        if masksValue {
            w.field("value")
            w.string(Self.mask)
        } else if let progress {
            w.field("value")
            w.double(progress)
        }
        if let url { w.field("url"); w.string(url) }
        if let max { w.field("max"); w.double(max) }
        if let disabled { w.field("disabled"); w.bool(disabled) }
        if let checked { w.field("checked"); w.bool(checked) }
        if let style, !style.isEmpty {
            w.field("style")
            style.encode(into: w)
        }
    }
}

/// Frame numbers: absolute window coordinates in points or dp.
enum Frame {
    /// Larger than any screen; beyond it a number is garbage.
    static let limit = 1_000_000.0

    static func coordinate(_ v: Double?) -> Double? {
        guard let v, v.isFinite, abs(v) <= limit else { return nil }
        return v
    }
}
