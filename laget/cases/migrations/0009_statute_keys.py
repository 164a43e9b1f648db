"""Give every statutory participant a key of the list of statutes (cases.statutes).

The two texts the services wrote become the national keys. Any other text someone typed becomes
a statute of that municipality's own list (reference = the old text, every kind of service),
so that nobody loses access silently; the admin reviews them on the municipality's page. A row
with no text at all granted nothing before and keeps no key. The old text stays in basis_ref.
"""

import re
import unicodedata

from django.db import migrations

# The constants as they were (cases.messages before this migration) and the keys they became.
OLD_TEXTS = {
    "Egen tjeneste (dokumentasjon av egen bekymring)": "egen-tjeneste",
    "Barnevernsloven § 13-2 (opplysningsplikt)": "opplysningsplikt-barnevern",
}
NATIONAL_KEYS = {
    "egen-tjeneste",
    "opplysningsplikt-barnevern",
    "samarbeid-barnehage",
    "samarbeid-opplaering",
    "samarbeid-helse-omsorg",
    "samarbeid-spesialist",
    "samarbeid-nav",
    "samarbeid-barnevern",
}
ALL_KINDS = [
    "after_school",
    "child_welfare",
    "health_clinic",
    "kindergarten",
    "mental_health",
    "nav",
    "other",
    "ppt",
    "school",
    "specialist",
]
TITLE = "Ført inn som fritekst før listen over lovhjemler kom"
REASON = "Overført fra fritekst; må gjennomgås"


def _key(reference, taken):
    text = reference.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:50] or "lokal"
    key, n = base, 2
    while key in taken or key in NATIONAL_KEYS:
        key, n = f"{base}-{n}", n + 1
    return key


def map_statutes(apps):
    Participant = apps.get_model("cases", "Participant")
    LocalStatute = apps.get_model("cases", "LocalStatute")
    rows = (
        Participant.objects.filter(legal_basis="statute", statute_key="")
        .exclude(basis_ref="")
        .select_related("case")
    )
    local = {}  # (municipality id, text) -> key
    for p in rows.iterator():
        text = p.basis_ref.strip()
        if not text:
            continue
        key = OLD_TEXTS.get(text)
        if key is None:
            municipality_id = p.case.municipality_id
            key = local.get((municipality_id, text))
            if key is None:
                existing = LocalStatute.objects.filter(municipality_id=municipality_id)
                row = existing.filter(reference=text[:200]).first()
                if row is None:
                    row = LocalStatute.objects.create(
                        municipality_id=municipality_id,
                        key=_key(text, set(existing.values_list("key", flat=True))),
                        reference=text[:200],
                        title=TITLE,
                        unit_kinds=ALL_KINDS,
                        reason=REASON,
                    )
                key = local[(municipality_id, text)] = row.key
        Participant.objects.filter(pk=p.pk).update(statute_key=key)


def forwards(apps, schema_editor):
    map_statutes(apps)


class Migration(migrations.Migration):
    dependencies = [("cases", "0008_participant_statute_key")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
