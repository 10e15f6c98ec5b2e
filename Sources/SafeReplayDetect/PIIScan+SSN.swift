/// US_SSN: `AAA-GG-SSSS`, `AAA GG SSSS` or nine bare digits, under the SSA's rules: no
/// area 000, 666 or 900–999, no group 00, no serial 0000.
extension PIIScan {
    static func isSSN(_ run: DigitRun, offset: Int = 0) -> Bool {
        let area = run.value(offset, 3), group = run.value(offset + 3, 2), serial = run.value(offset + 5, 4)
        return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0
    }

    /// An SSN in `run` (`3-2-4` with one separator, or 9 bare digits): its end.
    /// `bare` tells the caller the weaker 9-digit form was matched.
    func ssnEnd(in run: DigitRun) -> (end: Int, bare: Bool)? {
        guard !run.plus, run.parens == 0 else { return nil }
        if run.lengths[0] == 9 {
            guard run.groupCount == 1 && !run.overflow || run.separators[1] == 0x20, Self.isSSN(run) else { return nil }
            return (run.end(ofGroups: 1), true)
        }
        guard run.groupCount >= 3, run.lengths[0] == 3, run.lengths[1] == 2, run.lengths[2] == 4 else { return nil }
        let sep = run.separators[1]
        guard sep == 0x2D || sep == 0x20, run.separators[2] == sep else { return nil }
        // Only the three groups: a fourth set off by the same separator makes it something else.
        if run.groupCount > 3, run.separators[3] == sep { return nil }
        if run.groupCount == 3, run.overflow { return nil }
        guard Self.isSSN(run) else { return nil }
        return (run.end(ofGroups: 3), false)
    }
}
