"""Knowledge base (知识库): articles with categories, tags and immutable versions, internal or
public; the Chinese search index (character bigrams and latin words, ``tokens.py``) behind
search and the suggestions shown while an agent types; and "answered from the knowledge base"
recorded on a work order (an answer row plus a ``knowledge`` event), with its panel on the
work order page."""
