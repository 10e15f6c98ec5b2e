// SafeReplayUpload: batching, envelopes, gzip, the durable spool and the sender.
