"""Shared kernel (公共内核): clock, errors, masking, pinyin, phones, cursors, request context.

It holds no business models and imports no domain app; every other app may import it.
"""
