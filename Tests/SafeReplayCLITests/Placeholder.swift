// Tests for SafeReplayCLI.
