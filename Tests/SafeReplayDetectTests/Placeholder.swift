// Tests for SafeReplayDetect.
