// Tests for SafeReplayModel.
