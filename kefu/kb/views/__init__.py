"""Knowledge base pages (知识库页面) under /knowledge/."""
