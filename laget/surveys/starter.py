"""The starter questionnaire: six short questions on knowing and using the early-help tools.

Written for Laget. The slugs are stable so that results can be compared across rounds; the
frequency-of-use question is marked as such (Question.is_use_frequency), as the builder lets any
questionnaire mark one.
"""

from django.db import transaction

from laget.orgs.models import Municipality
from laget.surveys.models import Option, Question, QuestionKind, Questionnaire

STARTER_NAME = "Tidlig innsats i hverdagen – spørsmål til ansatte"
USE_FREQUENCY = "use_frequency"

YES_PARTLY_NO = [("yes", "Ja"), ("partly", "Delvis"), ("no", "Nei")]
CONFIDENCE = [
    ("1", "1 – Svært utrygg"),
    ("2", "2"),
    ("3", "3"),
    ("4", "4"),
    ("5", "5 – Svært trygg"),
]

# (slug, kind, text, [(value, label)])
STARTER_QUESTIONS: list[tuple[str, str, str, list[tuple[str, str]]]] = [
    (
        "knows_guide",
        QuestionKind.CHOICE,
        "Kjenner du kommunens handlingsveileder for hva du gjør når du undrer deg over et barn?",
        YES_PARTLY_NO,
    ),
    (
        USE_FREQUENCY,
        QuestionKind.CHOICE,
        "Hvor ofte slår du opp i handlingsveilederen i arbeidet ditt?",
        [
            ("never", "Aldri"),
            ("few_per_year", "Et par ganger i året"),
            ("few_per_half_year", "Et par ganger i halvåret"),
            ("monthly", "Hver måned"),
            ("weekly", "Hver uke"),
        ],
    ),
    (
        "detect_confidence",
        QuestionKind.SCALE,
        "Hvor trygg er du på at du legger merke til det når et barn ikke har det bra?",
        CONFIDENCE,
    ),
    (
        "raise_confidence",
        QuestionKind.SCALE,
        "Hvor trygg er du på å ta opp en undring eller bekymring med foreldrene?",
        CONFIDENCE,
    ),
    (
        "knows_directory",
        QuestionKind.CHOICE,
        "Vet du hvor du finner oversikten over tjenestene for barn og familier i kommunen?",
        YES_PARTLY_NO,
    ),
    (
        "used_log",
        QuestionKind.YES_NO,
        "Har du ført noe i stafettloggen?",
        [("yes", "Ja"), ("no", "Nei")],
    ),
]


@transaction.atomic
def install_starter_questionnaire(municipality: Municipality) -> Questionnaire:
    """The published starter questionnaire of the municipality; made the first time."""
    existing = Questionnaire.objects.filter(
        municipality=municipality, name=STARTER_NAME, copied_from=None
    ).first()
    if existing is not None:
        return existing
    questionnaire = Questionnaire.objects.create(
        municipality=municipality, name=STARTER_NAME, is_published=True
    )
    for order, (slug, kind, text, options) in enumerate(STARTER_QUESTIONS, start=1):
        question = Question.objects.create(
            questionnaire=questionnaire,
            order=order,
            slug=slug,
            text=text,
            kind=kind,
            is_use_frequency=slug == USE_FREQUENCY,
        )
        Option.objects.bulk_create(
            Option(question=question, order=i, value=value, label=label)
            for i, (value, label) in enumerate(options, start=1)
        )
    return questionnaire
