/// The forms a leaked secret could take in rrweb JSON: as written, lower- and upper-cased,
/// digits only, percent- and form-encoded, JSON-escaped (non-ASCII as `\u`, `/` as `\/`),
/// HTML-escaped.
///
/// For the web fixture tests and the rrweb benchmark, which count a fixture secret as leaked
/// when any of these forms is in the output (bench/peers/rrweb/rrweb_peer.py makes the same
/// forms for rrweb's output).
package func leakForms(of secret: String) -> Set<String> {
    var forms: Set<String> = [secret, secret.lowercased(), secret.uppercased()]
    let digits = secret.filter(\.isASCII).filter(\.isNumber)
    if digits.count >= 6, digits.count != secret.count { forms.insert(digits) }
    // Percent-encoded UTF-8, ASCII letters and digits and `-._~` left as they are.
    var encoded = ""
    for byte in secret.utf8 {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
             UInt8(ascii: "_"), UInt8(ascii: "~"):
            encoded.unicodeScalars.append(Unicode.Scalar(byte))
        default:
            let hex = String(byte, radix: 16, uppercase: true)
            encoded += (hex.count == 1 ? "%0" : "%") + hex
        }
    }
    forms.formUnion([encoded, encoded.replacing("%20", with: "+"), encoded.lowercased()])
    for upper in [false, true] {
        var json = ""
        for scalar in secret.unicodeScalars {
            switch scalar {
            case "\"": json += "\\\""
            case "\\": json += "\\\\"
            case "/": json += "\\/"
            case _ where scalar.value < 0x20 || scalar.value > 0x7E:
                for unit in String(scalar).utf16 {
                    let hex = String(unit, radix: 16, uppercase: upper)
                    json += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                }
            default: json.unicodeScalars.append(scalar)
            }
        }
        forms.formUnion([json, json.replacing("\\/", with: "/")])
    }
    forms.formUnion([secret.replacing("&", with: "&amp;"), secret.replacing("&", with: "\\u0026")])
    return forms
}
