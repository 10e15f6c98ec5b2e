// End-to-end tests of the Session API.
