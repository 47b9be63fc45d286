"""Models of work contact orders."""
