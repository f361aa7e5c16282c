"""Use cases: the one service layer that the command line, the HTTP API and the tests drive."""
