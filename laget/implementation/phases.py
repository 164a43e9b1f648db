"""The shipped phase models, BTI and TIBIR, as data.

`install_phase_models()` is idempotent: models and phases are found by slug and brought up to
date, never doubled. The data migration calls it with the historical models. TIBIR's phase
slugs are the values of laget.registry.models.Phase, so the two can be matched.
"""

from typing import Any

from django.db import transaction

BTI = "bti"
TIBIR = "tibir"

# slug → (name, [(phase slug, phase name)] in order)
PHASE_MODELS: dict[str, tuple[str, list[tuple[str, str]]]] = {
    BTI: (
        "BTI – Bedre tverrfaglig innsats",
        [
            ("forberede", "Forberede"),
            ("planlegge", "Planlegge"),
            ("gjennomfore", "Gjennomføre"),
            ("viderefore", "Videreføre"),
        ],
    ),
    TIBIR: (
        "TIBIR",
        [
            ("exploration", "Utforskning"),
            ("establishment", "Etablering"),
            ("introduction", "Innføring"),
            ("operation", "Drift"),
        ],
    ),
}


def install_into(phase_model_cls: Any, phase_cls: Any) -> None:
    """Install the shipped models using the given model classes (real or historical)."""
    for slug, (name, phases) in PHASE_MODELS.items():
        model, _ = phase_model_cls.objects.update_or_create(
            slug=slug, defaults={"name": name, "municipality": None}
        )
        for order, (phase_slug, phase_name) in enumerate(phases, start=1):
            existing = phase_cls.objects.filter(model=model, slug=phase_slug).first()
            if existing is None:
                phase_cls.objects.create(model=model, slug=phase_slug, name=phase_name, order=order)
            elif (existing.name, existing.order) != (phase_name, order):
                existing.name, existing.order = phase_name, order
                existing.save()


@transaction.atomic
def install_phase_models() -> None:
    from laget.implementation.models import PhaseDefinition, PhaseModel

    install_into(PhaseModel, PhaseDefinition)
