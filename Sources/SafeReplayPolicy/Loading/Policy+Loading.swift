import SafeReplayModel

extension Policy {
    /// Documents larger than this are refused before parsing.
    public static let maximumDocumentBytes = 4 << 20
    /// Policies are shallow; anything deeper is refused rather than recursed into.
    static let maximumDepth = 32

    static let rootKeys = [
        "$schema", "description", "version", "name", "levels", "defaultLevel", "routes", "elements", "modules",
        "text", "inputs", "media", "urls", "network", "mobile", "location", "sampling", "upload", "detectors",
        "retentionDays",
    ]

    /// Loads and validates a policy document. Every problem is reported at once, each
    /// with its JSON path; the input may be anything (empty, binary, huge, deep).
    public static func load(_ bytes: [UInt8]) throws(PolicyError) -> Policy {
        func single(_ message: String) -> PolicyError {
            PolicyError(issues: [PolicyIssue(path: "", message: message)])
        }
        guard !bytes.isEmpty else { throw single("empty document") }
        guard bytes.count <= maximumDocumentBytes else {
            throw single("document is \(bytes.count) bytes; the limit is \(maximumDocumentBytes)")
        }
        if let offset = firstInvalidUTF8Offset(bytes) { throw single("invalid UTF-8 at byte \(offset)") }
        let document: JSONValue
        do {
            document = try JSONValue.parse(bytes, maxDepth: maximumDepth)
        } catch {
            throw single("not valid JSON: \(error.description)")
        }
        var reader = DocumentReader()
        var policy = Policy()
        policy.read(document, with: &reader)
        guard reader.issues.isEmpty else { throw PolicyError(issues: reader.issues) }
        policy.hash = PolicyCanonicalForm.sha256Hex(of: document)
        return policy
    }

    static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += UTF8.width(scalar)
            case .emptyInput:
                return nil
            case .error:
                return offset
            }
        }
    }

    mutating func read(_ document: JSONValue, with r: inout DocumentReader) {
        guard let root = r.object(document, at: "", allowed: Self.rootKeys) else { return }
        if let version = r.int(root, "version", at: "", in: 1...Int.max, required: true) {
            if version != Self.currentVersion {
                r.fail("version", "unsupported version \(version); this build reads version \(Self.currentVersion)")
            }
            self.version = version
        }
        name = r.string(root, "name", at: "")
        _ = r.string(root, "$schema", at: "")
        _ = r.string(root, "description", at: "", nonEmpty: false)
        if let value = root["levels"] { readLevels(value, with: &r) }
        if let level: SensitivityLevel = r.choice(root, "defaultLevel", at: "") { defaultLevel = level }
        routes = readRoutes(root, with: &r)
        elements = Self.readElementRules(root, "elements", at: "", with: &r)
        modules = readModules(root, with: &r)
        if let value = root["text"] { readText(value, with: &r) }
        if let value = root["inputs"] { readInputs(value, with: &r) }
        if let value = root["media"], let o = r.object(value, at: "media", allowed: ["block"]) {
            if let block = r.bool(o, "block", at: "media") { media.block = block }
        }
        if let value = root["urls"] { readURLs(value, with: &r) }
        if let value = root["network"] { readNetwork(value, with: &r) }
        if let value = root["mobile"] { readMobile(value, with: &r) }
        if let value = root["location"] { readLocation(value, with: &r) }
        if let value = root["sampling"] { readSampling(value, with: &r) }
        if let value = root["upload"] { readUpload(value, with: &r) }
        if let value = root["detectors"] { readDetectors(value, with: &r) }
        if let days = r.int(root, "retentionDays", at: "", in: 1...3650) { retentionDays = days }
    }

    /// A high level records no content, so it may only map to a content-free fidelity.
    static func check(_ fidelity: Fidelity, for level: SensitivityLevel, at path: String, with r: inout DocumentReader) {
        if level == .high && fidelity < .events {
            r.fail(path, "a high level records no content: use events, heatmap or off, not \(fidelity.rawValue)")
        }
    }

    mutating func readLevels(_ value: JSONValue, with r: inout DocumentReader) {
        guard let o = r.object(value, at: "levels", allowed: SensitivityLevel.allCases.map(\.rawValue)) else { return }
        for level in SensitivityLevel.allCases {
            let path = "levels." + level.rawValue
            guard let v = o[level.rawValue], let settings = r.object(v, at: path, allowed: ["fidelity"]) else { continue }
            if let fidelity: Fidelity = r.choice(settings, "fidelity", at: path, required: true) {
                Self.check(fidelity, for: level, at: path + ".fidelity", with: &r)
                levels[level] = LevelSettings(fidelity: fidelity)
            }
        }
    }

    func readRoutes(_ root: JSONObject, with r: inout DocumentReader) -> [RouteRule] {
        guard let entries = r.array(root, "routes", at: "") else { return [] }
        var rules: [RouteRule] = []
        var names = Set<String>()
        for (value, path) in entries {
            guard let o = r.object(value, at: path, allowed: ["name", "match", "level", "fidelity", "query", "hash"]) else { continue }
            let name = r.string(o, "name", at: path) ?? path
            if !names.insert(name).inserted { r.fail(path + ".name", "duplicate rule name '\(name)'") }
            let pattern = r.string(o, "match", at: path, required: true).flatMap { r.routePattern($0, at: path + ".match") }
            let level: SensitivityLevel? = r.choice(o, "level", at: path, required: true)
            let fidelity: Fidelity? = r.choice(o, "fidelity", at: path)
            if let level, let fidelity { Self.check(fidelity, for: level, at: path + ".fidelity", with: &r) }
            var query: [String: String] = [:]
            if let q = o["query"], case .object(let conditions) = q {
                for member in conditions.members {
                    guard case .string(let v) = member.value else {
                        r.fail(path + ".query." + member.key, "expected a string, found \(member.value.typeName)")
                        continue
                    }
                    query[member.key] = v
                }
            } else if let q = o["query"] {
                r.fail(path + ".query", "expected an object, found \(q.typeName)")
            }
            let hash = r.string(o, "hash", at: path)
            if let pattern, let level {
                rules.append(RouteRule(name: name, match: pattern, query: query, hashPrefix: hash, level: level, fidelity: fidelity))
            }
        }
        return rules
    }

    static func readElementRules(_ object: JSONObject, _ key: String, at parent: String, with r: inout DocumentReader) -> [ElementRule] {
        guard let entries = r.array(object, key, at: parent) else { return [] }
        var rules: [ElementRule] = []
        for (value, path) in entries {
            guard let o = r.object(value, at: path, allowed: ["name", "selector", "action"]) else { continue }
            let name = r.string(o, "name", at: path) ?? path
            let selector = r.selector(o, "selector", at: path)
            let action: ElementAction? = r.choice(o, "action", at: path, required: true)
            if let selector, let action {
                rules.append(ElementRule(name: name, selector: selector, action: action))
            }
        }
        return rules
    }

    func readModules(_ root: JSONObject, with r: inout DocumentReader) -> [ModuleRule] {
        guard let entries = r.array(root, "modules", at: "") else { return [] }
        var modules: [ModuleRule] = []
        var names = Set<String>()
        for (value, path) in entries {
            guard let o = r.object(value, at: path, allowed: ["name", "owner", "root", "level", "elements"]) else { continue }
            let name = r.string(o, "name", at: path, required: true)
            if let name, !names.insert(name).inserted { r.fail(path + ".name", "duplicate module name '\(name)'") }
            let owner = r.string(o, "owner", at: path)
            let rootSelector = r.selector(o, "root", at: path)
            let level: SensitivityLevel? = r.choice(o, "level", at: path)
            let elements = Self.readElementRules(o, "elements", at: path, with: &r)
            if let name, let rootSelector {
                modules.append(ModuleRule(name: name, owner: owner, root: rootSelector, level: level, elements: elements))
            }
        }
        return modules
    }

    mutating func readText(_ value: JSONValue, with r: inout DocumentReader) {
        guard let o = r.object(value, at: "text", allowed: ["maskStyle", "maskCharacter"]) else { return }
        if let style: MaskStyleName = r.choice(o, "maskStyle", at: "text") { text.maskStyle = style }
        if let c = r.string(o, "maskCharacter", at: "text") {
            if c == "*" || c == "#" {
                text.maskCharacter = Character(c)
            } else {
                r.fail("text.maskCharacter", "must be '*' or '#'")
            }
        }
    }

    mutating func readInputs(_ value: JSONValue, with r: inout DocumentReader) {
        guard let o = r.object(value, at: "inputs", allowed: ["maskStyle", "allow"]) else { return }
        if let style: MaskStyleName = r.choice(o, "maskStyle", at: "inputs") { inputs.maskStyle = style }
        if let entries = r.array(o, "allow", at: "inputs") {
            for (value, path) in entries {
                guard case .string(let source) = value else {
                    r.fail(path, "expected a selector string, found \(value.typeName)")
                    continue
                }
                do {
                    let selector = try SelectorList(parsing: source)
                    inputs.allow.append(ElementRule(name: path, selector: selector, action: .unmask))
                } catch {
                    r.fail(path, "invalid selector: \(error.message)")
                }
            }
        }
    }

    mutating func readURLs(_ value: JSONValue, with r: inout DocumentReader) {
        guard let o = r.object(value, at: "urls", allowed: ["allowParameters", "keepPaths"]) else { return }
        if let names = r.strings(o, "allowParameters", at: "urls") { urls.allowParameters = names }
        if let entries = r.array(o, "keepPaths", at: "urls") {
            for (value, path) in entries {
                guard case .string(let s) = value else {
                    r.fail(path, "expected a path pattern, found \(value.typeName)")
                    continue
                }
                if let pattern = r.routePattern(s, at: path) { urls.keepPaths.append(pattern) }
            }
        }
    }

    mutating func readNetwork(_ value: JSONValue, with r: inout DocumentReader) {
        guard let o = r.object(value, at: "network", allowed: ["capture", "allowURLs", "allowHeaders", "captureBodies"]) else { return }
        if let capture = r.bool(o, "capture", at: "network") { network.capture = capture }
        if let entries = r.array(o, "allowURLs", at: "network") {
            for (value, path) in entries {
                guard case .string(let s) = value else {
                    r.fail(path, "expected a path pattern, found \(value.typeName)")
                    continue
                }
                if let pattern = r.routePattern(s, at: path) { network.allowURLs.append(pattern) }
            }
        }
        if let headers = r.strings(o, "allowHeaders", at: "network") {
            let credentials: Set<String> = ["authorization", "cookie", "set-cookie", "proxy-authorization", "x-api-key", "x-csrf-token"]
            for (i, h) in headers.enumerated() where credentials.contains(h.lowercased()) {
                r.fail("network.allowHeaders[\(i)]", "'\(h)' carries credentials and is never captured")
            }
            network.allowHeaders = headers.map { $0.lowercased() }
        }
        if let bodies = r.bool(o, "captureBodies", at: "network") {
            if bodies { r.fail("network.captureBodies", "body capture is not supported in policy version 1") }
        }
    }

    mutating func readMobile(_ value: JSONValue, with r: inout DocumentReader) {
        guard let o = r.object(value, at: "mobile", allowed: ["screens", "views", "captureGestures", "rageTap"]) else { return }
        if let entries = r.array(o, "screens", at: "mobile") {
            for (value, path) in entries {
                guard let s = r.object(value, at: path, allowed: ["name", "match", "level", "fidelity"]) else { continue }
                let match = r.string(s, "match", at: path, required: true)
                let level: SensitivityLevel? = r.choice(s, "level", at: path, required: true)
                let fidelity: Fidelity? = r.choice(s, "fidelity", at: path)
                if let level, let fidelity { Self.check(fidelity, for: level, at: path + ".fidelity", with: &r) }
                if let match, let level {
                    mobile.screens.append(ScreenRule(name: r.string(s, "name", at: path) ?? path, match: match, level: level, fidelity: fidelity))
                }
            }
        }
        if let entries = r.array(o, "views", at: "mobile") {
            for (value, path) in entries {
                guard let v = r.object(value, at: path, allowed: ["name", "className", "identifier", "action"]) else { continue }
                let className = r.string(v, "className", at: path)
                let identifier = r.string(v, "identifier", at: path)
                let action: ElementAction? = r.choice(v, "action", at: path, required: true)
                if className == nil && identifier == nil && v["className"] == nil && v["identifier"] == nil {
                    r.fail(path, "needs className or identifier")
                }
                if let action, className != nil || identifier != nil {
                    mobile.views.append(ViewRule(name: r.string(v, "name", at: path) ?? path, className: className, identifier: identifier, action: action))
                }
            }
        }
        if let gestures = r.bool(o, "captureGestures", at: "mobile") { mobile.captureGestures = gestures }
        if let value = o["rageTap"], let rt = r.object(value, at: "mobile.rageTap", allowed: ["count", "windowMs", "radius"]) {
            if let n = r.int(rt, "count", at: "mobile.rageTap", in: 2...20) { mobile.rageTapCount = n }
            if let ms = r.int(rt, "windowMs", at: "mobile.rageTap", in: 100...10_000) { mobile.rageTapWindowMs = ms }
            if let radius = r.double(rt, "radius", at: "mobile.rageTap", in: 1...1_000) { mobile.rageTapRadius = radius }
        }
    }

    mutating func readLocation(_ value: JSONValue, with r: inout DocumentReader) {
        guard let o = r.object(value, at: "location", allowed: ["capture", "precision", "minIntervalMs"]) else { return }
        if let capture = r.bool(o, "capture", at: "location") { location.capture = capture }
        if let p = r.int(o, "precision", at: "location", in: 1...12) { location.precision = p }
        if let ms = r.int(o, "minIntervalMs", at: "location", in: 0...86_400_000) { location.minIntervalMs = ms }
    }

    mutating func readSampling(_ value: JSONValue, with r: inout DocumentReader) {
        guard let o = r.object(value, at: "sampling", allowed: ["sessionRate", "mousemoveIntervalMs", "scrollIntervalMs"]) else { return }
        if let rate = r.double(o, "sessionRate", at: "sampling", in: 0...1) { sampling.sessionRate = rate }
        if let ms = r.int(o, "mousemoveIntervalMs", at: "sampling", in: 0...10_000) { sampling.mousemoveIntervalMs = ms }
        if let ms = r.int(o, "scrollIntervalMs", at: "sampling", in: 0...10_000) { sampling.scrollIntervalMs = ms }
    }

    mutating func readUpload(_ value: JSONValue, with r: inout DocumentReader) {
        let keys = ["endpoint", "maxEvents", "maxBytes", "maxAgeMs", "spoolCapBytes", "maxBatchAgeDays"]
        guard let o = r.object(value, at: "upload", allowed: keys) else { return }
        if let endpoint = r.string(o, "endpoint", at: "upload") {
            if Self.isHTTPURL(endpoint) {
                upload.endpoint = endpoint
            } else {
                r.fail("upload.endpoint", "expected an http:// or https:// URL with a host")
            }
        }
        if let n = r.int(o, "maxEvents", at: "upload", in: 1...100_000) { upload.maxEvents = n }
        if let n = r.int(o, "maxBytes", at: "upload", in: 1_024...(16 << 20)) { upload.maxBytes = n }
        if let n = r.int(o, "maxAgeMs", at: "upload", in: 100...600_000) { upload.maxAgeMs = n }
        if let n = r.int(o, "spoolCapBytes", at: "upload", in: (1 << 20)...(1 << 30)) { upload.spoolCapBytes = n }
        if let n = r.int(o, "maxBatchAgeDays", at: "upload", in: 1...3650) { upload.maxBatchAgeDays = n }
    }

    static func isHTTPURL(_ s: String) -> Bool {
        for scheme in ["https://", "http://"] where s.lowercased().hasPrefix(scheme) {
            let rest = s.dropFirst(scheme.count)
            let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
            return !host.isEmpty && !host.contains("@") && !s.contains(where: { $0 == " " || $0.isNewline })
        }
        return false
    }

    mutating func readDetectors(_ value: JSONValue, with r: inout DocumentReader) {
        guard let o = r.object(value, at: "detectors", allowed: ["enabled", "maskStyle", "revealCardLastFour"]) else { return }
        if let names = r.strings(o, "enabled", at: "detectors") {
            for (i, name) in names.enumerated() where !DetectorSettings.knownTypes.contains(name) {
                r.fail("detectors.enabled[\(i)]", "unknown detector '\(name)' (known: \(DetectorSettings.knownTypes.joined(separator: ", ")))")
            }
            detectors.enabled = names
        }
        if let style: MaskStyleName = r.choice(o, "maskStyle", at: "detectors") { detectors.maskStyle = style }
        if let reveal = r.bool(o, "revealCardLastFour", at: "detectors") { detectors.revealCardLastFour = reveal }
    }
}
