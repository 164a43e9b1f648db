"""Operating Laget: backups of the database and their restore."""
