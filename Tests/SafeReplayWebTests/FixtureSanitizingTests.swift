import SafeReplayModel
import SafeReplayWeb
import Testing

/// The recorded web fixtures through the sanitizer with each fixture's policy: a valid
/// stream, no secret in any form, and the strings the policy shows still there.
@Suite struct FixtureSanitizingTests {
    @Test(arguments: WebFixture.all) func sanitizedFixtureLeaksNothing(_ fixture: WebFixture) throws {
        let sanitizer = WebSanitizer(policy: try fixture.policy(), now: { 42 })
        var validator = StreamValidator()
        var output: [UInt8] = []
        for event in try fixture.events() {
            for sanitized in sanitizer.sanitize(event) {
                validator.check(sanitized)
                output.append(contentsOf: sanitized.json)
                output.append(0x0A)
            }
        }
        #expect(validator.problems.isEmpty, "\(fixture.name): \(validator.problems)")
        let text = String(decoding: output, as: UTF8.self)
        for secret in try fixture.secrets {
            #expect(!leakForms(of: secret).contains { text.contains($0) }, "\(fixture.name): \(secret) leaked")
        }
        for shown in try fixture.expected {
            #expect(text.contains(shown), "\(fixture.name): '\(shown)' missing")
        }
    }
}
