/// The data of a Meta event: the page (or screen) and the viewport size.
/// Hosts report navigations with it, so `href` is the route signal.
public struct MetaData: Sendable, Equatable {
    public var href: String?
    public var width: Double?
    public var height: Double?
    public var unknownKeys: JSONObject

    public init(href: String?, width: Double?, height: Double?, unknownKeys: JSONObject = JSONObject()) {
        self.href = href
        self.width = width
        self.height = height
        self.unknownKeys = unknownKeys
    }
}
