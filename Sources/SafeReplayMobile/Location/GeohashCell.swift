#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Geohash cell sizes, for choosing a precision the reported accuracy supports.
enum GeohashCell {
    /// Metres per degree of latitude (the figure reference tables use).
    static let metresPerDegreeLatitude = 111_133.0
    /// Metres per degree of longitude at the equator (WGS84 equatorial radius).
    static let metresPerDegreeLongitude = 2 * Double.pi * 6_378_137 / 360

    /// Height (°) and width (°) of a cell of `precision` characters: 5p bits, longitude
    /// taking the odd one.
    static func degrees(precision p: Int) -> (height: Double, width: Double) {
        let bits = 5 * p
        let lonBits = (bits + 1) / 2, latBits = bits / 2
        return (180 / Double(1 << latBits), 360 / Double(1 << lonBits))
    }

    /// The smaller side of the cell at `latitude`, in metres (width shrinks with cos φ).
    static func smallerSideMetres(precision p: Int, latitude: Double) -> Double {
        let d = degrees(precision: p)
        let height = d.height * metresPerDegreeLatitude
        let width = d.width * metresPerDegreeLongitude * cos(latitude * .pi / 180)
        return Swift.min(height, width)
    }

    /// The finest precision, at most `policy`, whose cell's smaller side is at least the
    /// accuracy radius: a fix good to 2 km is not reported as a 150 m cell. Precision 1
    /// when even that cell is smaller than the accuracy.
    static func precision(policy: Int, accuracyMetres: Double, latitude: Double) -> Int {
        var chosen = 1
        for p in 1...Swift.max(1, Swift.min(policy, Geohash.maximumPrecision)) {
            guard smallerSideMetres(precision: p, latitude: latitude) >= accuracyMetres else { break }
            chosen = p
        }
        return chosen
    }
}
