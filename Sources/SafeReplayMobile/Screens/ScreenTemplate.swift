import SafeReplayDetect

/// The template of a screen name: what may leave the device in a Meta `href`, a drift
/// alert or a `navigation` event. Screen names are code (`CheckoutViewController`,
/// `com.shop.OrderActivity`) but routers put values in them (`/orders/8812`,
/// `Profile(userId=42)`, `/u/jane@example.com`), so those become placeholders:
///
/// - the query and fragment (from the first `?` or `#`) are cut off;
/// - a UUID becomes `:uuid`;
/// - a segment holding `@` becomes `:email`;
/// - a word of digits, a hex word of 8+ characters with a digit, or a run of 3+ digits
///   inside a word becomes `:id`;
/// - a word of 16+ characters that switches between letters and digits 4+ times becomes
///   `:token`;
/// - control characters are removed, and the result is cut to 128 characters;
/// - then the PII detectors read it, and a finding becomes its type (`:phone`, `:iban`).
enum ScreenTemplate {
    static let maximumLength = 128
    static let unnamed = "(unnamed)"

    /// The template, and the types the detectors found in what the structural rules left.
    static func of(_ name: String, detector: PIIDetector) -> (template: String, found: [PIIType]) {
        let structural = of(name)
        guard detector.containsPII(structural) else { return (structural, []) }
        let spans = detector.detect(structural)
        var scalars = Array(structural.unicodeScalars)
        // Back to front, so earlier spans keep their offsets.
        for span in spans.sorted(by: { $0.start > $1.start }) where span.start >= 0 && span.end <= scalars.count && span.start < span.end {
            scalars.replaceSubrange(span.start..<span.end, with: (":" + span.type.rawValue.lowercased()).unicodeScalars)
        }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return (String(view), spans.map(\.type))
    }

    /// The structural template (no detectors).
    static func of(_ name: String) -> String {
        var s = Array(name.unicodeScalars.prefix(4_096))
        if let cut = s.firstIndex(where: { $0 == "?" || $0 == "#" }) { s.removeSubrange(cut...) }
        s.removeAll { $0.properties.generalCategory == .control || $0.properties.generalCategory == .format }
        var result = String.UnicodeScalarView()
        var i = 0
        while i < s.count {
            guard isSegmentScalar(s[i]) else {
                result.append(s[i])
                i += 1
                continue
            }
            var end = i
            while end < s.count && isSegmentScalar(s[end]) { end += 1 }
            appendSegment(s, i..<end, to: &result)
            i = end
        }
        let template = String(result)
        if template.isEmpty { return unnamed }
        return template.count > maximumLength ? String(template.prefix(maximumLength)) : template
    }

    /// Characters inside a segment: everything but separators (an email never spans one).
    private static func isSegmentScalar(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "/", "\\", "(", ")", "[", "]", "{", "}", "<", ">", "=", "&", ",", ";", "'", "\"", "|":
            return false
        default:
            return !s.properties.isWhitespace
        }
    }

    private static func appendSegment(_ s: [Unicode.Scalar], _ range: Range<Int>, to result: inout String.UnicodeScalarView) {
        if s[range].contains("@") {
            result.append(contentsOf: ":email".unicodeScalars)
            return
        }
        var i = range.lowerBound
        while i < range.upperBound {
            if let end = uuidEnd(s, at: i) {
                result.append(contentsOf: ":uuid".unicodeScalars)
                i = end
            } else if isWordScalar(s[i]) {
                var end = i
                while end < range.upperBound && isWordScalar(s[end]) { end += 1 }
                appendWord(s[i..<end], to: &result)
                i = end
            } else {
                result.append(s[i])
                i += 1
            }
        }
    }

    private static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        s.properties.isAlphabetic || s.properties.numericType != nil
    }

    private static func isDigit(_ s: Unicode.Scalar) -> Bool { s.properties.numericType != nil }

    private static func isHex(_ s: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(s) || ("a"..."f").contains(s) || ("A"..."F").contains(s)
    }

    private static func appendWord(_ word: ArraySlice<Unicode.Scalar>, to result: inout String.UnicodeScalarView) {
        let digits = word.filter(isDigit).count
        if digits == word.count || (word.count >= 8 && digits > 0 && word.allSatisfy(isHex)) {
            result.append(contentsOf: ":id".unicodeScalars)
            return
        }
        if word.count >= 16 && digits >= 2 && transitions(word) >= 4 {
            result.append(contentsOf: ":token".unicodeScalars)
            return
        }
        var i = word.startIndex
        while i < word.endIndex {
            guard isDigit(word[i]) else {
                result.append(word[i])
                i += 1
                continue
            }
            var end = i
            while end < word.endIndex && isDigit(word[end]) { end += 1 }
            if end - i >= 3 {
                result.append(contentsOf: ":id".unicodeScalars)
            } else {
                result.append(contentsOf: word[i..<end])
            }
            i = end
        }
    }

    /// How often a word switches between letters and digits: high in generated tokens
    /// (`aB3dE5fG7hJ9`), low in names (`Order12345Screen`, `Step2ViewController`).
    private static func transitions(_ word: ArraySlice<Unicode.Scalar>) -> Int {
        var count = 0
        var previous: Bool?
        for s in word {
            let digit = isDigit(s)
            if let previous, previous != digit { count += 1 }
            previous = digit
        }
        return count
    }

    /// The end of a UUID (8-4-4-4-12 hex digits) starting at `i`, when one does and is
    /// not part of a longer word.
    private static func uuidEnd(_ s: [Unicode.Scalar], at i: Int) -> Int? {
        let groups = [8, 4, 4, 4, 12]
        guard i + 36 <= s.count else { return nil }
        if i > 0 && isWordScalar(s[i - 1]) { return nil }
        var p = i
        for (n, length) in groups.enumerated() {
            for _ in 0..<length {
                guard isHex(s[p]) else { return nil }
                p += 1
            }
            if n < groups.count - 1 {
                guard s[p] == "-" else { return nil }
                p += 1
            }
        }
        if p < s.count && isWordScalar(s[p]) { return nil }
        return p
    }
}
