"""Web console shell (控制台外壳): layout, navigation, login and language switch.

Domain pages live in their own apps (``customers/views.py`` …) and extend ``web/base.html``.
"""
