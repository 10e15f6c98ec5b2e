import SafeReplayModel

extension WebSanitizer {
    /// An input event, masked per its element: the hard floor always (hidden and file
    /// values never emitted), `ignore` rules drop it, allowlisted fields pass the detectors
    /// at `replay`, everything else is masked. Checkboxes and radios keep `isChecked`.
    func sanitizeInput(_ d: InputData) -> IncrementalData? {
        guard let s = mirror.slot(of: d.id) else { return dropped(.unknownNodeID) }
        let st = mirror.state(s)
        guard st.contains(.emitted), !st.contains(.placeholder) else { return dropped(.inputHidden) }
        if st.contains(.ignored) { return dropped(.inputIgnored) }
        guard st.contains(.field) || st.contains(.inField) else { return dropped(.inputNotAField) }
        let allowed = st.contains(.allowedField) || st.contains(.inAllowedField)
        guard let text = content.fieldValue(d.text, state: st, allowed: allowed, mode: mode.contentMode, audit: &auditCounters) else {
            return nil
        }
        return .input(InputData(id: d.id, text: text, isChecked: d.isChecked, userTriggered: d.userTriggered))
    }
}
