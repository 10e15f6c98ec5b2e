import Foundation
import Testing
import SafeReplayDetect

/// Span-level mask recall and precision on the project's own seeded corpus
/// (Fixtures/pii/pii-seeded.jsonl, made by Fixtures/pii/generate.py).
///
/// A gold span counts as masked when any detection overlaps it by at least one scalar; a
/// detection is correct when it overlaps any gold span. Look-alikes of kinds ending in
/// `_AMBIG` (four-part versions that are also dotted quads) are left out of precision.
@Suite struct CorpusTests {
    struct Record {
        var text: String
        var gold: [(start: Int, end: Int, type: String)]
        var negatives: [(start: Int, end: Int, kind: String)]
    }

    static func load() throws -> [Record] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let data = try Data(contentsOf: root.appendingPathComponent("Fixtures/pii/pii-seeded.jsonl"))
        return try data.split(separator: UInt8(ascii: "\n")).map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
            let spans = try #require(object["spans"] as? [[String: Any]])
            let negatives = try #require(object["negatives"] as? [[String: Any]])
            return Record(
                text: try #require(object["text"] as? String),
                gold: spans.map { ($0["start"] as! Int, $0["end"] as! Int, $0["type"] as! String) },
                negatives: negatives.map { ($0["start"] as! Int, $0["end"] as! Int, $0["kind"] as! String) }
            )
        }
    }

    @Test func maskRecallAndPrecisionOnTheSeededCorpus() throws {
        let records = try Self.load()
        #expect(records.count >= 2_000)
        var gold: [String: Int] = [:], masked: [String: Int] = [:]
        var predicted: [String: Int] = [:], correct: [String: Int] = [:]
        for record in records {
            let spans = detector.detect(record.text)
            for g in record.gold {
                gold[g.type, default: 0] += 1
                if spans.contains(where: { $0.start < g.end && g.start < $0.end }) { masked[g.type, default: 0] += 1 }
            }
            for span in spans {
                let hit = record.gold.contains { span.start < $0.end && $0.start < span.end }
                let ambiguous = record.negatives.contains {
                    $0.kind.hasSuffix("_AMBIG") && span.start < $0.end && $0.start < span.end
                }
                if ambiguous && !hit { continue }
                predicted[span.type.rawValue, default: 0] += 1
                if hit { correct[span.type.rawValue, default: 0] += 1 }
            }
        }
        let recall = Double(masked.values.reduce(0, +)) / Double(gold.values.reduce(0, +))
        let precision = Double(correct.values.reduce(0, +)) / Double(predicted.values.reduce(0, +))
        #expect(recall >= 0.995, "mask recall \(recall)")
        #expect(precision >= 0.97, "mask precision \(precision)")
        for type in PIIType.allCases.map(\.rawValue) {
            let n = gold[type] ?? 0
            #expect(n >= 100, "too few \(type) spans to measure")
            #expect(Double(masked[type] ?? 0) / Double(max(n, 1)) >= 0.99, "\(type) recall")
            #expect(Double(correct[type] ?? 0) / Double(max(predicted[type] ?? 0, 1)) >= 0.97, "\(type) precision")
        }
    }

    @Test func containsPIIAgreesWithDetect() throws {
        for record in try Self.load().prefix(1_000) {
            #expect(detector.containsPII(record.text) == !detector.detect(record.text).isEmpty)
        }
    }
}
