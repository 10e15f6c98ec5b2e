// SafeReplayDetect: validated PII detectors and masking styles.
// Pure functions over text; imports nothing of ours.
