// Tests for SafeReplayWeb.
