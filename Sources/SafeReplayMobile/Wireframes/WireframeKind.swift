/// The wireframe types the PostHog player draws. Anything else becomes a placeholder.
enum WireframeKind: String {
    case text, image, rectangle, input, div, screenshot, placeholder
    case webView = "web_view"
    case radioGroup = "radio_group"
    case statusBar = "status_bar"
    case navigationBar = "navigation_bar"
}

/// The input types the player draws; an unknown one is drawn as a text field.
enum InputKind: String {
    case checkbox, radio, toggle, button, progress
    case text, password, email, number, search, tel, url, select
    case textArea = "text_area"

    /// Two-state controls: their `checked` state is kept (their label is masked).
    var isToggle: Bool { self == .checkbox || self == .radio || self == .toggle }
}
