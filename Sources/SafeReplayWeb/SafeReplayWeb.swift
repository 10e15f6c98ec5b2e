// SafeReplayWeb: the mirror DOM and the web sanitizer (raw rrweb in, safe rrweb out).
