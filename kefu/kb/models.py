"""Models of knowledge base."""
