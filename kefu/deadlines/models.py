"""Models of deadlines."""
