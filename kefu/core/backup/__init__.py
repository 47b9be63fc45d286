"""Backup and restore (备份与恢复): one archive of the database, the files and a manifest.

``kefu backup`` writes ``kefu-backup-YYYYmmdd-HHMMSS.tar.gz``: the database (SQLite: an online
copy taken in one step while the server keeps writing; PostgreSQL: ``pg_dump --format=custom``),
the task-queue file of the embedded Huey queue, the data directory's ``attachments/``,
``files/``, ``imports/`` and ``secret_key``, and ``manifest.json`` (Kefu version, database
vendor, latest applied migration per app, sha256 of every file). ``kefu restore`` checks every
checksum before it changes anything, keeps what it replaces, puts the database and the files
in place, and checks the checksums again. Pure parts (``manifest``, ``archive``, ``language``,
``sqlitecopy``, ``postgres``) import no Django; ``making`` and ``restoring`` use the settings.
"""
