import Testing
import SafeReplayModel
@testable import SafeReplayMobile

@Suite struct GeohashTests {
    struct Vector {
        var index: Int
        var kind: String
        var latitude: Double
        var longitude: Double
        var hashes: [String]
    }

    static func vectors() throws -> [Vector] {
        let text = try Fixtures.text("geohash/geohash-vectors.jsonl")
        return try text.split(separator: "\n").map { line in
            let v = try JSONValue.parse(String(line))
            // The hex forms are the exact doubles the expected hashes were computed from.
            let lat = v["lat_hex"]?.stringValue.flatMap(Double.init)
            let lon = v["lon_hex"]?.stringValue.flatMap(Double.init)
            let hashes = v["hash"]?.arrayValue?.compactMap(\.stringValue) ?? []
            guard let lat, let lon, hashes.count == 12 else { throw VectorError(line: String(line)) }
            return Vector(index: Int(v["i"]?.int64Value ?? -1), kind: v["kind"]?.stringValue ?? "", latitude: lat, longitude: lon, hashes: hashes)
        }
    }

    struct VectorError: Error { var line: String }

    @Test func everySharedVectorAtEveryPrecision() throws {
        let vectors = try Self.vectors()
        #expect(vectors.count == 1_000)
        var failures: [String] = []
        for v in vectors {
            for p in 1...12 {
                let got = Geohash.encode(latitude: v.latitude, longitude: v.longitude, precision: p)
                if got != v.hashes[p - 1] {
                    failures.append("#\(v.index) \(v.kind) (\(v.latitude), \(v.longitude)) p\(p): \(got ?? "nil") ≠ \(v.hashes[p - 1])")
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) mismatches, first: \(failures.prefix(5))")
    }

    @Test func hexAndDecimalFormsAgree() throws {
        // Guards the test itself: the decimal and hex columns name the same doubles.
        let text = try Fixtures.text("geohash/geohash-vectors.jsonl")
        for line in text.split(separator: "\n").prefix(200) {
            let v = try JSONValue.parse(String(line))
            #expect(v["lat"]?.doubleValue == v["lat_hex"]?.stringValue.flatMap(Double.init))
            #expect(v["lon"]?.doubleValue == v["lon_hex"]?.stringValue.flatMap(Double.init))
        }
    }

    @Test func closedUpperEdgesDoNotWrap() {
        #expect(Geohash.encode(latitude: 0, longitude: 180, precision: 12) == "xbpbpbpbpbpb")
        #expect(Geohash.encode(latitude: 90, longitude: 180, precision: 12) == "zzzzzzzzzzzz")
        #expect(Geohash.encode(latitude: -90, longitude: -180, precision: 12) == "000000000000")
        #expect(Geohash.encode(latitude: -0.0, longitude: -0.0, precision: 3) == "s00")
    }

    @Test(arguments: [
        (Double.nan, 0.0, 5), (0, .nan, 5), (.infinity, 0, 5), (0, -.infinity, 5),
        (90.000000001, 0, 5), (-90.5, 0, 5), (0, 180.0000001, 5), (0, -181, 5),
        (0, 0, 0), (0, 0, 13), (0, 0, -1), (0, 0, Int.max),
    ])
    func refusesBadInput(latitude: Double, longitude: Double, precision: Int) {
        #expect(Geohash.encode(latitude: latitude, longitude: longitude, precision: precision) == nil)
    }

    @Test func cellSizesMatchTheReferenceTable() {
        // reference-facts.md §6: degrees per cell.
        #expect(GeohashCell.degrees(precision: 1) == (45, 45))
        #expect(GeohashCell.degrees(precision: 5) == (0.0439453125, 0.0439453125))
        #expect(GeohashCell.degrees(precision: 6) == (0.0054931640625, 0.010986328125))
        #expect(GeohashCell.degrees(precision: 12) == (1.6763806343078613e-7, 3.3527612686157227e-7))
        // p5 ≈ 4.9 km a side at the equator.
        let side = GeohashCell.smallerSideMetres(precision: 5, latitude: 0)
        #expect(side > 4_880 && side < 4_900)
    }
}
