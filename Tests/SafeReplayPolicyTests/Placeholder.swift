// Tests for SafeReplayPolicy.
