#!/bin/sh
# Laget's nightly backup (run by deploy/systemd/laget-backup.service; see docs/BACKUP.md):
# the database with `manage.py backup`, the uploaded files (scanned consents) with tar, an
# encrypted copy of both off-site, and local copies older than LAGET_BACKUP_KEEP_DAYS removed.
set -eu

: "${LAGET_DIR:=/srv/laget}"
: "${LAGET_BACKUP_DIR:=/var/backups/laget}"
: "${LAGET_BACKUP_KEEP_DAYS:=14}"
: "${LAGET_MEDIA_ROOT:=$LAGET_DIR/var/media}"

umask 077
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
base="$LAGET_BACKUP_DIR/laget-$stamp"
mkdir -p "$LAGET_BACKUP_DIR"

"$LAGET_DIR/.venv/bin/python" "$LAGET_DIR/manage.py" backup --output "$base.dump"

if [ -d "$LAGET_MEDIA_ROOT" ]; then
    tar -C "$LAGET_MEDIA_ROOT" -czf "$base.media.tar.gz.partial" .
    mv "$base.media.tar.gz.partial" "$base.media.tar.gz"
fi

# Off-site, encrypted to a public key: this machine can write backups but not read them; the
# private key is kept offline by the people who may restore.
if [ -n "${LAGET_BACKUP_AGE_RECIPIENTS:-}" ] && [ -n "${LAGET_BACKUP_REMOTE:-}" ]; then
    for file in "$base".*; do
        case "$file" in *.age) continue ;; esac
        age -R "$LAGET_BACKUP_AGE_RECIPIENTS" -o "$file.age" "$file"
    done
    rsync -a "$base".*.age "$LAGET_BACKUP_REMOTE/"
    rm -f "$base".*.age
fi

find "$LAGET_BACKUP_DIR" -maxdepth 1 -type f -name 'laget-*' -mtime "+$LAGET_BACKUP_KEEP_DAYS" -delete
