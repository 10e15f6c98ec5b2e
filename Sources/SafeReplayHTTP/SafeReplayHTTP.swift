// SafeReplayHTTP: the sender's HTTP transport over AsyncHTTPClient.
