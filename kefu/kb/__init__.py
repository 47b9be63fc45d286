"""Knowledge base (知识库): articles, versions and Chinese search."""
