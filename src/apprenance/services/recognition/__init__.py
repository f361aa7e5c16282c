"""Open recognition (issue 18): badge requests, witnesses' endorsements."""
