// SafeReplay: the Session API that wires model, policy, capture and upload together.
