"""The public search's synonyms: words a worried parent types, and the words the guide uses.

Each entry is a group: a query with any of its words also finds the others, so "bvt" finds
"barnevern" and "barnevern" finds "bvt". An entry may be a phrase ("sover dårlig"): the query
must then hold those words in that order. Until the municipality's coordinator or admin saves
their own list, the search uses DEFAULT_SYNONYMS, written for Laget in plain bokmål.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from laget.accounts.models import User
from laget.audit.models import AuditAction
from laget.audit.services import audit_record
from laget.guide.models import GuideSettings, SearchSynonym
from laget.orgs.actors import actor_for
from laget.orgs.models import Municipality
from laget.orgs.rules import manages_municipality

MSG_LINE = _("Linje %(n)s: skriv ordet, et kolon og synonymene med komma mellom.")
MSG_TOO_LONG = _("Linje %(n)s: hvert ord kan ha høyst %(max)s tegn.")
MSG_REPEATED = _("Linje %(n)s: «%(word)s» står allerede på en linje over.")
MSG_TOO_MANY = _("Listen kan ha høyst %(max)s linjer.")

WORD_MAX = 100
LINES_MAX = 500

# (word, synonyms): Laget's list, used until the municipality saves its own.
DEFAULT_SYNONYMS: list[tuple[str, list[str]]] = [
    ("barnevern", ["barnevernet", "barneverntjenesten", "bvt", "barnevernvakten"]),
    ("bekymringsmelding", ["melde", "melding", "meldeplikt", "opplysningsplikt"]),
    ("mobbing", ["mobbet", "mobbes", "erting", "utestengning", "holdes utenfor", "plaging"]),
    ("angst", ["bekymring", "redd", "uro", "engstelig", "nervøs"]),
    ("sover dårlig", ["søvn", "søvnvansker", "søvnproblemer", "trøtt"]),
    ("vold", ["slag", "overgrep", "mishandling", "juling"]),
    ("rus", ["alkohol", "drikker", "narkotika"]),
    ("skolevegring", ["skolefravær", "fravær", "vil ikke på skolen"]),
    ("trist", ["lei seg", "nedstemt", "depresjon", "tungsinn"]),
    ("sinne", ["sint", "utagering", "raseri"]),
    ("spising", ["mat", "spiser dårlig", "spiseforstyrrelse"]),
    ("helsesykepleier", ["helsesøster", "helsestasjon", "skolehelsetjenesten"]),
    ("ppt", ["pedagogisk-psykologisk tjeneste", "spesialpedagogisk hjelp"]),
    ("bup", ["barne- og ungdomspsykiatrisk poliklinikk", "psykisk helsevern"]),
    ("samtykke", ["tillatelse", "godkjenning"]),
]


def _clean(word: str) -> str:
    return " ".join(word.split()).lower()


def parse(text: str) -> list[tuple[str, list[str]]]:
    """The lines "ord: synonym, synonym" as (word, synonyms); empty lines skipped.
    ValidationError naming the line for anything else."""
    rows: list[tuple[str, list[str]]] = []
    seen: set[str] = set()
    for n, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        head, colon, tail = raw.partition(":")
        word = _clean(head)
        synonyms = list(dict.fromkeys(s for s in (_clean(p) for p in tail.split(",")) if s))
        synonyms = [s for s in synonyms if s != word]
        if not colon or not word or not synonyms:
            raise ValidationError(MSG_LINE % {"n": n}, code="line")
        if any(len(w) > WORD_MAX for w in (word, *synonyms)):
            raise ValidationError(MSG_TOO_LONG % {"n": n, "max": WORD_MAX}, code="max_length")
        if word in seen:
            raise ValidationError(MSG_REPEATED % {"n": n, "word": word}, code="repeated")
        seen.add(word)
        rows.append((word, synonyms))
    if len(rows) > LINES_MAX:
        raise ValidationError(MSG_TOO_MANY % {"max": LINES_MAX}, code="too_many")
    return rows


def format_lines(rows: list[tuple[str, list[str]]]) -> str:
    return "\n".join(f"{word}: {', '.join(synonyms)}" for word, synonyms in rows)


def synonyms_of(municipality: Municipality | int) -> list[tuple[str, list[str]]]:
    """The list the municipality's search uses: its own once saved, else Laget's defaults."""
    municipality_id = municipality if isinstance(municipality, int) else municipality.pk
    edited = GuideSettings.objects.filter(
        municipality_id=municipality_id, synonyms_edited_at__isnull=False
    ).exists()
    if not edited:
        return list(DEFAULT_SYNONYMS)
    rows = SearchSynonym.objects.filter(municipality_id=municipality_id).order_by("word")
    return [(r.word, list(r.synonyms)) for r in rows]


def uses_defaults(municipality: Municipality) -> bool:
    return not GuideSettings.objects.filter(
        municipality=municipality, synonyms_edited_at__isnull=False
    ).exists()


@transaction.atomic
def synonyms_replace(
    *, by: User, municipality: Municipality, rows: list[tuple[str, list[str]]]
) -> None:
    """The municipality's list becomes `rows` (from `parse`), audited as one change."""
    if not manages_municipality(by, municipality.pk):
        raise PermissionDenied
    settings, _created = GuideSettings.objects.select_for_update().get_or_create(
        municipality=municipality
    )
    SearchSynonym.objects.filter(municipality=municipality).delete()
    SearchSynonym.objects.bulk_create(
        [SearchSynonym(municipality=municipality, word=w, synonyms=s) for w, s in rows]
    )
    settings.synonyms_edited_at = timezone.now()
    settings.save(update_fields=["synonyms_edited_at", "updated_at"])
    audit_record(
        actor=actor_for(by),
        action=AuditAction.UPDATE,
        object_type="search_synonyms",
        object_id=settings.pk,
    )


@transaction.atomic
def synonyms_reset(*, by: User, municipality: Municipality) -> None:
    """Back to Laget's defaults: the municipality's own list is removed, audited."""
    if not manages_municipality(by, municipality.pk):
        raise PermissionDenied
    settings, _created = GuideSettings.objects.select_for_update().get_or_create(
        municipality=municipality
    )
    SearchSynonym.objects.filter(municipality=municipality).delete()
    settings.synonyms_edited_at = None
    settings.save(update_fields=["synonyms_edited_at", "updated_at"])
    audit_record(
        actor=actor_for(by),
        action=AuditAction.UPDATE,
        object_type="search_synonyms",
        object_id=settings.pk,
    )
