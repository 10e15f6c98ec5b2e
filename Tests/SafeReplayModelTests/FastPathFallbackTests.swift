import SafeReplayModel
import Testing

/// Shapes the decoders' fast paths start on and must hand to the general reading (which
/// decides the value or words the error), and the writer's inlined keys and numbers.
@Suite struct FastPathFallbackTests {
    static func mutation(_ fields: String) -> String {
        #"{"type":3,"data":{"source":0,"# + fields + #"},"timestamp":1}"#
    }

    static func message(_ json: String) -> String? {
        do throws(JSONError) {
            _ = try Event(json: json)
            return nil
        } catch {
            return error.message
        }
    }

    /// Timestamps at or past 9e15 ms (year 287,000) are refused as out of range whichever
    /// reader sees them: the plain-integer fast path, the double reader, or either sign.
    @Test(arguments: ["9000000000000000", "123456789012345678", "9e15", "9.5e15", "-9000000000000000", "1e300"])
    func timestampsOutOfRangeSaySo(_ timestamp: String) {
        let json = #"{"type":4,"data":{"href":"https://a.test/","width":1,"height":1},"timestamp":"# + timestamp + "}"
        #expect(Self.message(json) == "timestamp out of range")
    }

    @Test func theLargestTimestampInRangeIsRead() throws {
        let event = try Event(json: #"{"type":4,"data":{"href":"https://a.test/","width":1,"height":1},"timestamp":8999999999999999}"#)
        #expect(event.timestamp == 8_999_999_999_999_999)
    }

    /// A mutation in rrweb's key order whose removal or addition is not a DOM one fails as
    /// the general reading says, whatever the order of its keys.
    @Test(arguments: [
        (#""texts":[],"attributes":[],"removes":[{"id":2}],"adds":[]"#, "removal without 'parentId'"),
        (#""texts":[],"attributes":[],"removes":[],"adds":[{"parentId":null,"nextId":null,"node":{"type":3,"textContent":"x","id":4}}]"#,
         "addition without 'parentId'"),
        (#""texts":[],"attributes":[],"removes":[],"adds":[{"parentId":1,"nextId":null}]"#, "addition without 'node'"),
        (#""texts":[],"attributes":[],"removes":[],"adds":[{"parentId":1,"node":{"type":3,"textContent":"x","id":4}},{"parentId":1,"wireframe":{"id":5}}]"#,
         "mutation mixes DOM nodes and wireframes"),
    ])
    func nonDOMPartsFailAsTheGeneralReadingSays(_ example: (String, String)) {
        #expect(Self.message(Self.mutation(example.0)) == example.1)
    }

    /// Wireframe additions after empty DOM lists make a wireframe mutation, as before.
    @Test func wireframeAdditionsInRRWebOrderStayWireframes() throws {
        let event = try Event(json: Self.mutation(#""texts":[],"attributes":[],"removes":[],"adds":[{"parentId":1,"wireframe":{"id":5}}]"#))
        guard case .incrementalSnapshot(.wireframeMutation(let data)) = event.body else {
            Issue.record("not a wireframe mutation: \(event.body)")
            return
        }
        #expect(data.adds?.map(\.wireframe.id) == [5])
        #expect(data.adds?.map(\.parentId) == [1])
    }

    /// What follows `adds` (a flag, an unknown key, a repeated key) decodes as in any order.
    @Test(arguments: [
        (#""texts":[],"attributes":[],"removes":[],"adds":[],"isAttachIframe":true"#,
         #""isAttachIframe":true,"adds":[],"removes":[],"attributes":[],"texts":[]"#),
        (#""texts":[{"id":1,"value":null}],"attributes":[],"removes":[{"parentId":1,"id":2,"isShadow":true}],"adds":[],"extra":[1]"#,
         #""extra":[1],"removes":[{"id":2,"isShadow":true,"parentId":1}],"adds":[],"texts":[{"value":null,"id":1}],"attributes":[]"#),
        (#""texts":[],"attributes":[],"removes":[],"adds":[{"parentId":1,"nextId":null,"node":{"type":3,"textContent":"a","id":4}}],"adds":[{"parentId":2,"previousId":3,"nextId":5,"node":{"type":3,"textContent":"b","id":6}}]"#,
         #""attributes":[],"texts":[],"removes":[],"adds":[{"node":{"id":6,"textContent":"b","type":3},"nextId":5,"previousId":3,"parentId":2}]"#),
    ])
    func mutationTailsDecodeAsInAnyOrder(_ pair: (String, String)) throws {
        let canonical = try Event(json: Self.mutation(pair.0))
        #expect(canonical == (try Event(json: Self.mutation(pair.1))))
        guard case .incrementalSnapshot(.mutation) = canonical.body else {
            Issue.record("not a DOM mutation: \(canonical.body)")
            return
        }
    }

    /// Documents and doctypes in rrweb's order (the fast path) and in another order agree.
    @Test(arguments: [
        (#"{"type":0,"childNodes":[{"type":1,"name":"html","publicId":"","systemId":"","id":2}],"compatMode":"CSS1Compat","id":1}"#,
         #"{"id":1,"compatMode":"CSS1Compat","type":0,"childNodes":[{"id":2,"systemId":"","publicId":"","name":"html","type":1}]}"#),
        (#"{"type":0,"childNodes":[],"compatMode":null,"rootId":7,"id":1}"#, #"{"rootId":7,"id":1,"childNodes":[],"type":0}"#),
        (#"{"type":1,"name":null,"publicId":"p","systemId":"s","rootId":7,"id":2}"#, #"{"id":2,"rootId":7,"systemId":"s","publicId":"p","name":"","type":1}"#),
        (#"{"type":0,"childNodes":[],"id":1,"isShadow":true}"#, #"{"isShadow":true,"id":1,"type":0,"childNodes":[]}"#),
    ])
    func documentsDecodeAsInAnyOrder(_ pair: (String, String)) throws {
        let canonical = try Self.node(pair.0)
        #expect(canonical == (try Self.node(pair.1)))
    }

    /// Elements' flags and text's `isStyle` after the content (read before the end in
    /// rrweb's order), and anything after them, decode as in any order.
    @Test(arguments: [
        (#"{"type":3,"textContent":"a{}","isStyle":true,"id":3}"#, #"{"id":3,"isStyle":true,"type":3,"textContent":"a{}"}"#),
        (#"{"type":3,"textContent":"x","isStyle":null,"rootId":2,"id":3}"#, #"{"rootId":2,"id":3,"textContent":"x","type":3}"#),
        (#"{"type":3,"textContent":"x","isStyle":false,"extra":[1],"id":3}"#, #"{"extra":[1],"id":3,"isStyle":false,"textContent":"x","type":3}"#),
        (#"{"type":2,"tagName":"svg","attributes":{},"childNodes":[],"isSVG":true,"isCustom":false,"needBlock":true,"id":4}"#,
         #"{"needBlock":true,"isCustom":false,"isSVG":true,"id":4,"childNodes":[],"attributes":{},"tagName":"svg","type":2}"#),
        (#"{"type":2,"tagName":"x-a","attributes":{},"childNodes":[],"isCustom":true,"rootId":9,"id":4}"#,
         #"{"rootId":9,"id":4,"isCustom":true,"childNodes":[],"attributes":{},"tagName":"x-a","type":2}"#),
        (#"{"type":2,"tagName":"svg","attributes":{},"childNodes":[],"isSVG":true,"extra":1,"id":4}"#,
         #"{"extra":1,"isSVG":true,"id":4,"childNodes":[],"attributes":{},"tagName":"svg","type":2}"#),
    ])
    func nodeFlagsDecodeAsInAnyOrder(_ pair: (String, String)) throws {
        let canonical = try Self.node(pair.0)
        #expect(canonical == (try Self.node(pair.1)))
    }

    @Test func nodeFlagsAreKept() throws {
        #expect(try Self.node(#"{"type":3,"textContent":"a{}","isStyle":true,"id":3}"#).kind == .text("a{}", isStyle: true))
        let svg = try Self.node(#"{"type":2,"tagName":"svg","attributes":{},"childNodes":[],"isSVG":true,"isCustom":false,"needBlock":true,"id":4}"#)
        #expect(svg.element == ElementData(tagName: "svg", isSVG: true, isCustom: false, needBlock: true))
        #expect(svg.id == 4)
    }

    /// DOM additions in rrweb's order (read straight into `AddedNode`) and in another
    /// order, or with a key the fast reading does not take, agree.
    @Test(arguments: [
        (#""texts":[],"attributes":[],"removes":[],"adds":[{"parentId":1,"previousId":null,"nextId":3,"node":{"type":3,"textContent":"a","id":4}}]"#,
         #""texts":[],"attributes":[],"removes":[],"adds":[{"node":{"type":3,"textContent":"a","id":4},"nextId":3,"parentId":1}]"#),
        (#""texts":[],"attributes":[],"removes":[],"adds":[{"parentId":1,"previousId":2,"node":{"type":3,"textContent":"a","id":4}}]"#,
         #""texts":[],"attributes":[],"removes":[],"adds":[{"previousId":2,"node":{"type":3,"textContent":"a","id":4},"parentId":1}]"#),
        (#""texts":[],"attributes":[],"removes":[],"adds":[{"parentId":1,"nextId":null,"node":{"type":3,"textContent":"a","id":4},"extra":true}]"#,
         #""texts":[],"attributes":[],"removes":[],"adds":[{"extra":true,"nextId":null,"parentId":1,"node":{"type":3,"textContent":"a","id":4}}]"#),
    ])
    func additionsDecodeAsInAnyOrder(_ pair: (String, String)) throws {
        let canonical = try Event(json: Self.mutation(pair.0))
        #expect(canonical == (try Event(json: Self.mutation(pair.1))))
        guard case .incrementalSnapshot(.mutation(let data)) = canonical.body else {
            Issue.record("not a DOM mutation: \(canonical.body)")
            return
        }
        #expect(data.adds.map(\.parentId) == [1])
        #expect(data.adds.map(\.node.id) == [4])
    }

    /// Sources read after `source` in rrweb's order, and the same data with `source` last
    /// (the object opened again, where a key after a value cannot match), or the event's
    /// `type` after its `data`, decode the same.
    @Test(arguments: [
        (#"{"type":3,"data":{"source":1,"positions":[{"x":1,"y":2,"id":3,"timeOffset":-4}]},"timestamp":5}"#,
         #"{"data":{"positions":[{"y":2,"x":1,"timeOffset":-4,"id":3}],"source":1},"timestamp":5,"type":3}"#),
        (#"{"type":3,"data":{"source":2,"type":2,"id":7,"x":1,"y":2,"pointerType":0},"timestamp":5}"#,
         #"{"type":3,"data":{"id":7,"pointerType":0,"y":2,"x":1,"type":2,"source":2},"timestamp":5}"#),
        (#"{"type":3,"data":{"source":3,"id":1,"x":0,"y":40},"timestamp":5}"#,
         #"{"timestamp":5,"type":3,"data":{"y":40,"x":0,"id":1,"source":3}}"#),
        (#"{"type":3,"data":{"source":5,"text":"a","isChecked":false,"userTriggered":true,"id":9},"timestamp":5}"#,
         #"{"type":3,"data":{"id":9,"userTriggered":true,"isChecked":false,"text":"a","source":5},"timestamp":5}"#),
    ])
    func sourcesDecodeAsInAnyOrder(_ pair: (String, String)) throws {
        #expect(try Event(json: pair.0) == (try Event(json: pair.1)))
    }

    /// Integers read from one load (under eight digits) or digit by digit agree with the
    /// general number reader (a space after the number sends it there), at every length,
    /// both signs, with leading zeros refused, in the compact pointer shape and elsewhere.
    @Test func integersOfEveryLengthReadAsTheGeneralReader() throws {
        var numbers = ["0", "-0", "00", "01", "-01", "0.5", "1e2", "-", "1-", "9007199254740993"]
        for length in 1...17 {
            let digits = String("98765432109876543".prefix(length))
            numbers += [digits, "-" + digits, "1" + String(repeating: "0", count: length - 1)]
        }
        for number in numbers {
            let scroll = #"{"type":3,"data":{"source":3,"id":"# + number + #","x":"# + number + #","y":2},"timestamp":5}"#
            let spaced = #"{"type":3,"data":{"source":3,"id":"# + number + #" ,"x":"# + number + #" ,"y":2},"timestamp":5}"#
            func pointer(_ space: String, after positions: String = "") -> String {
                #"{"type":3,"data":{"source":1,"positions":[{"x":"# + number + space + #","y":"# + number + space
                    + #","id":1,"timeOffset":"# + number + space + #"}]"# + positions + #"},"timestamp":5}"#
            }
            // Far from the end of the input (an unknown key after the positions), the compact
            // pointer shape is read without a bounds test per key and number.
            let far = #","padding":""# + String(repeating: "p", count: 100) + #"""#
            let pairs = [(scroll, spaced), (pointer(""), pointer(" ")), (pointer("", after: far), pointer(" ", after: far))]
            for (compact, general) in pairs {
                #expect((try? Event(json: compact)) == (try? Event(json: general)), "\(number)")
                #expect(Self.message(compact) == nil || (try? Event(json: general)) == nil, "\(number)")
            }
        }
    }

    static func node(_ json: String) throws -> SerializedNode {
        try Array(json.utf8).withUnsafeBytes { raw throws(JSONError) in try SerializedNode(json: raw) }
    }

    @Test func doctypeWithoutNameIsEmpty() throws {
        let node = try Self.node(#"{"type":1,"name":null,"publicId":"p","systemId":"s","id":2}"#)
        #expect(node.kind == .documentType(name: "", publicId: "p", systemId: "s"))
        #expect(node.id == 2)
    }

    /// Integers are written as Swift prints them, at every digit count and both bounds.
    @Test func integersAreWrittenAsSwiftPrintsThem() {
        var values: [Int64] = [0, 1, 9, 10, 11, 99, 100, 101, 999, 1_000, 1_700_000_000_123, .max, .min, .max - 1, .min + 1]
        var power: Int64 = 1
        for _ in 0..<18 {
            power *= 10
            values += [power - 1, power, power + 1, -(power - 1), -power, -(power + 1)]
        }
        let w = JSONWriter()
        w.beginArray()
        for value in values { w.int64(value) }
        w.endArray()
        #expect(w.string == "[" + values.map { String($0) }.joined(separator: ",") + "]")
    }

    /// Literal keys of every length around the inlined limit, first and after a member.
    @Test func literalKeysAreWrittenWhole() {
        let w = JSONWriter()
        w.beginObject()
        w.key("a")
        w.bool(true)
        w.key("abcdefghijk")
        w.bool(false)
        w.key("abcdefghijkl")
        w.null()
        w.key("abcdefghijklm")
        w.beginArray()
        w.bool(false)
        w.bool(true)
        w.int(-5)
        w.endArray()
        w.key("xy")
        w.beginObject()
        w.key("abcdefghijkl")
        w.int(0)
        w.endObject()
        w.endObject()
        #expect(w.string == #"{"a":true,"abcdefghijk":false,"abcdefghijkl":null,"abcdefghijklm":[false,true,-5],"xy":{"abcdefghijkl":0}}"#)
    }

    /// Strings of every length around the small-string limit, plain or with a byte to
    /// escape (or a non-ASCII one) at each place, as values and as keys.
    @Test func stringsAreWrittenAsEscapedAtEveryLength() {
        for length in 0...18 {
            for special in ["", "\"", "\\", "\n", "\u{1}", "\u{1F}", "é", "\u{7F}", "/"] {
                for place in 0...length {
                    let plain = String(repeating: "a", count: length)
                    var text = plain
                    if !special.isEmpty { text.insert(contentsOf: special, at: text.index(text.startIndex, offsetBy: place)) }
                    let w = JSONWriter()
                    w.beginArray()
                    w.string(text)
                    w.beginObject()
                    w.key(text)
                    w.string(plain)
                    w.key(plain)
                    w.int(1)
                    w.endObject()
                    w.endArray()
                    let expected = "[" + Self.quoted(text) + ",{" + Self.quoted(text) + ":" + Self.quoted(plain) + ","
                        + Self.quoted(plain) + ":1}]"
                    #expect(w.string == expected)
                }
            }
        }
    }

    /// JSON's escapes, written independently of the writer.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{8}": out += "\\b"
            case "\u{C}": out += "\\f"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
