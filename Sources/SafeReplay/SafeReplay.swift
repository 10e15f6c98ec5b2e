// SafeReplay: the Session API that wires model, policy, capture and upload together.
// Hosts (the CLI, the C ABI, Swift apps) import this module only; the stage modules'
// public types come along.
@_exported public import SafeReplayDetect
@_exported public import SafeReplayMobile
@_exported public import SafeReplayModel
@_exported public import SafeReplayPolicy
@_exported public import SafeReplayUpload
@_exported public import SafeReplayWeb
