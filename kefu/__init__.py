"""Kefu (客服): customer service center management.

The Django project: settings, URL map, WSGI entry point and the ``kefu`` command line.
Domain apps live in sub-packages (``kefu.customers``, ``kefu.org`` …); see docs/architecture.md.
"""
