"""Models of service quality."""
