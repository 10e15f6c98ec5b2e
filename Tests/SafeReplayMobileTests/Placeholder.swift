// Tests for SafeReplayMobile.
