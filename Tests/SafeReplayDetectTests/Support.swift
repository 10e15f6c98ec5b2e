import SafeReplayDetect

let detector = PIIDetector()

/// The detected values of `text` as (type, substring) pairs, for readable expectations.
func found(_ text: String, _ detector: PIIDetector = detector) -> [Found] {
    let scalars = Array(text.unicodeScalars)
    return detector.detect(text).map { span in
        var value = ""
        value.unicodeScalars.append(contentsOf: scalars[span.start..<span.end])
        return Found(span.type, value)
    }
}

struct Found: Equatable, CustomStringConvertible {
    var type: PIIType
    var value: String
    init(_ type: PIIType, _ value: String) {
        self.type = type
        self.value = value
    }
    var description: String { "\(type.rawValue):\(value)" }
}
