"""Models of phone calls."""
