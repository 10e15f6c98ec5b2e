// SafeReplayMobile: wireframes, touches and locations, text-free and geohashed.
