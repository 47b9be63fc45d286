"""Benchmark (压力测试): ``kefu bench`` seeds a realistic dataset and measures Kefu over HTTP.

``dataset`` builds (or reuses, by fingerprint) N work orders with their customers, staff,
events, deadlines, knowledge articles, callbacks and surveys; ``run`` serves Kefu as in
production and drives it from a separate process; ``manifest`` is what the two share.
See docs/performance.md.
"""
