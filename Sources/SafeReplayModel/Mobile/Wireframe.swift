/// A wireframe of the mobile rrweb dialect (PostHog's): a box with a kind, a frame and
/// optional content. Ids are ≥ 10,000,000 (the player reserves lower ones) and ≤ 2^53−1.
public struct Wireframe: Sendable, Equatable {
    public static let minimumID: Int64 = 10_000_000
    public static let maximumID: Int64 = (1 << 53) - 1

    public var id: Int64
    public var x: Double?
    public var y: Double?
    public var width: Double?
    public var height: Double?
    /// `text`, `image`, `rectangle`, `input`, `div`, `screenshot`, `web_view`, `placeholder`,
    /// `radio_group`, `status_bar`, `navigation_bar`.
    public var type: String?
    /// For `input`: `checkbox`, `radio`, `text`, `password`, `email`, …, `button`, `toggle`, `progress`.
    public var inputType: String?
    public var text: String?
    public var label: String?
    /// A string (input value, button title) or a number (progress).
    public var value: JSONValue?
    public var base64: String?
    public var url: String?
    public var style: JSONObject?
    public var disabled: Bool?
    public var checked: Bool?
    public var options: [String]?
    public var max: Double?
    public var childWireframes: [Wireframe]?
    public var unknownKeys: JSONObject

    public init(
        id: Int64, x: Double? = nil, y: Double? = nil, width: Double? = nil, height: Double? = nil,
        type: String? = nil, inputType: String? = nil, text: String? = nil, label: String? = nil,
        value: JSONValue? = nil, base64: String? = nil, url: String? = nil, style: JSONObject? = nil,
        disabled: Bool? = nil, checked: Bool? = nil, options: [String]? = nil, max: Double? = nil,
        childWireframes: [Wireframe]? = nil, unknownKeys: JSONObject = JSONObject()
    ) {
        self.id = id
        self.x = x
        self.y = y
        self.width = width
        self.height = height
        self.type = type
        self.inputType = inputType
        self.text = text
        self.label = label
        self.value = value
        self.base64 = base64
        self.url = url
        self.style = style
        self.disabled = disabled
        self.checked = checked
        self.options = options
        self.max = max
        self.childWireframes = childWireframes
        self.unknownKeys = unknownKeys
    }
}
