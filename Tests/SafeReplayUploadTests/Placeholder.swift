// Tests for SafeReplayUpload.
