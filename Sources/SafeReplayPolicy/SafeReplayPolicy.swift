// SafeReplayPolicy: the policy document (load, validate, hash) and its compiled forms.
