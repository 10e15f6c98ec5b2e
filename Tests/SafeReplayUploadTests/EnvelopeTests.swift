import Foundation
import SafeReplayModel
import Testing
@testable import SafeReplayUpload

@Suite struct EnvelopeTests {
    func sample(events: Int = 3) -> (BatchEnvelope, [UInt8]) {
        var audit = AuditCounters()
        audit.mask("rule:checkout-form", 2)
        audit.detect("EMAIL")
        var losses = UploadLosses()
        losses.spoolCapBatches = 1
        losses.spoolCapEvents = 40
        let envelope = BatchEnvelope(
            batchId: BatchID.random(), sessionId: "s-1", sequence: 4, policyHash: "sha256:abc", sdkVersion: "test/1",
            retentionDays: 30, startTimestamp: 10, endTimestamp: 20, eventCount: events, audit: audit,
            drift: [DriftAlert(kind: .route, subject: "/orders/:id", appliedLevel: "high")], losses: losses
        )
        let body = (0..<events).map { Events.incremental($0).json }.joined(separator: [UInt8(ascii: ",")])
        return (envelope, Array(body))
    }

    @Test func roundTripsWithEventsVerbatim() throws {
        let (envelope, body) = sample()
        let json = envelope.encoded(eventsJSON: body)
        let decoded = try DecodedBatch(json: json)
        #expect(decoded.envelope == envelope)
        #expect(decoded.events.map(Array.init) == (0..<3).map { Events.incremental($0).json })
    }

    @Test func isValidJSONWithTheDocumentedFields() throws {
        let (envelope, body) = sample()
        let json = envelope.encoded(eventsJSON: body)
        // An independent parser, so the writer is not only checked against its own reader.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json)) as? [String: Any])
        let expected: Set<String> = [
            "formatVersion", "batchId", "sessionId", "sequence", "policyHash", "sdkVersion", "retentionDays",
            "startTimestamp", "endTimestamp", "eventCount", "audit", "drift", "losses", "events",
        ]
        #expect(Set(object.keys) == expected)
        #expect(object["formatVersion"] as? Int == BatchEnvelope.formatVersion)
        #expect((object["events"] as? [Any])?.count == 3)
        let losses = try #require(object["losses"] as? [String: Int])
        #expect(losses["spoolCapEvents"] == 40)
    }

    @Test func theSchemaFileNamesEveryField() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let schemaData = try Data(contentsOf: root.appendingPathComponent("docs/envelope.schema.json"))
        let schema = try #require(try JSONSerialization.jsonObject(with: schemaData) as? [String: Any])
        let properties = try #require(schema["properties"] as? [String: Any])
        let required = Set(try #require(schema["required"] as? [String]))
        let (envelope, body) = sample()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(envelope.encoded(eventsJSON: body))) as? [String: Any])
        #expect(Set(properties.keys) == Set(object.keys))
        #expect(required == Set(object.keys))
        let lossProperties = try #require((properties["losses"] as? [String: Any])?["properties"] as? [String: Any])
        #expect(Set(lossProperties.keys) == Set(UploadLosses().fields.map { $0.0.description }))
    }

    @Test func emptyBatchHasAnEmptyEventsArray() throws {
        let (envelope, _) = sample(events: 0)
        let json = envelope.encoded(eventsJSON: [])
        #expect(String(decoding: json, as: UTF8.self).hasSuffix(#""events":[]}"#))
        #expect(try DecodedBatch(json: json).events.isEmpty)
    }

    @Test func refusesWhatIsNotAnEnvelope() {
        let (envelope, body) = sample()
        var wrongCount = envelope
        wrongCount.eventCount = 5
        var newer = envelope
        newer.formatVersion = BatchEnvelope.formatVersion + 1
        let cases: [[UInt8]] = [
            [], Array("{}".utf8), Array("[1,2]".utf8), Array(#"{"batchId":"x","events":[]}"#.utf8),
            wrongCount.encoded(eventsJSON: body), newer.encoded(eventsJSON: body),
            Array(envelope.encoded(eventsJSON: body).dropLast()),
            Array(envelope.encoded(eventsJSON: Array("1,2,3".utf8))),
        ]
        for json in cases {
            let error = #expect(throws: SafeReplayError.self) { try DecodedBatch(json: json) }
            #expect(error?.code == .json)
        }
    }

    @Test func batchIdsAreRandomVersion4() {
        let ids = (0..<1000).map { _ in BatchID.random() }
        #expect(Set(ids).count == ids.count)
        for id in ids.prefix(20) {
            #expect(BatchID.isValid(id))
            let chars = Array(id)
            #expect(chars[14] == "4")
            #expect("89ab".contains(chars[19]))
            #expect(UUID(uuidString: id) != nil)
        }
    }
}
