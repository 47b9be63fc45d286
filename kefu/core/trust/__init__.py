"""Trust tooling (可靠性验证): load, crash and soak runs against a real Kefu.

``kefu trust load`` starts Kefu as in production (gunicorn + the Huey consumer) on loopback
with a private data directory, drives it with client processes over HTTP and bearer tokens,
optionally ``kill -9``s the server and the consumer mid-run, and then checks the database
against what the clients were told: every acknowledged write present exactly once, nothing
half applied, no escalation sent twice. ``kefu trust soak`` runs mixed load at a bounded rate
and samples each process's memory. Clients use the standard library only; the steps that
read or prepare the database run as ``kefu trust _…`` subprocesses with the server's settings,
and reach models by ``apps.get_model`` (this package sits in core and imports no domain app).
"""
