import SafeReplayPolicy

/// What the policy says about one screen.
struct ScreenVerdict {
    var level: SensitivityLevel
    var fidelity: Fidelity
    /// The rule that decided, for `recording-paused`; nil when no rule matched.
    var ruleName: String?
    var isClassified: Bool
}

/// Classifies screen names by the policy's screen rules: the highest level of all
/// matching rules wins, and the fidelity is the least capturing one any of them asks
/// for (the web's route rules work the same way). Unmatched screens take
/// `defaultLevel` and are reported as drift.
struct ScreenClassifier {
    let rules: [ScreenRule]
    let policy: Policy

    init(policy: Policy) {
        self.policy = policy
        rules = policy.mobile.screens
    }

    /// Before any Meta: the default level, not yet drift (there is no screen to name).
    var unnamed: ScreenVerdict {
        ScreenVerdict(level: policy.defaultLevel, fidelity: policy.fidelity(for: policy.defaultLevel), ruleName: nil, isClassified: false)
    }

    func classify(_ screen: String) -> ScreenVerdict {
        var verdict: ScreenVerdict?
        for rule in rules where rule.matches(screen: screen) {
            let fidelity = rule.fidelity ?? policy.fidelity(for: rule.level)
            guard var v = verdict else {
                verdict = ScreenVerdict(level: rule.level, fidelity: fidelity, ruleName: rule.name, isClassified: true)
                continue
            }
            if rule.level > v.level { v.level = rule.level }
            if fidelity > v.fidelity {
                v.fidelity = fidelity
                v.ruleName = rule.name
            }
            verdict = v
        }
        return verdict ?? unnamed
    }
}
