"""Kefu's SQLite database backend (SQLite 数据库后端): Django's, with a write queue."""
