"""Accounts (账号与角色): users, roles as groups with capabilities, API tokens, login lockout.

Which rows a user may see (data scope) is decided per model by ``visible_to(user)``; the
organisational facts it reads (team, department, partner company) live in ``kefu.org``.
"""
