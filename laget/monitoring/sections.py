"""What the dashboard and the report show about implementation plans and employee surveys.

Read through the plans' and surveys' own selectors, each in a fixed number of queries.
"""

from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext as _

from laget.implementation.selectors import PlanSummary, plan_summary
from laget.implementation.sic_data import SIC_PHASES, SIC_STAGES
from laget.monitoring.figures import DASH, Bar, Figure, days_text, percent
from laget.orgs.models import Municipality
from laget.surveys.selectors import Rate, RoundResults, Share, latest_round_summary


@dataclass(frozen=True)
class Section:
    """Lines of text about the implementation for the dashboard and the report."""

    title: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class ImplementationParts:
    sections: tuple[Section, ...]
    figures: tuple[Figure, ...]


def implementation_parts(municipality: Municipality) -> ImplementationParts:
    plans = plan_summary(municipality)
    sections = tuple(_plan_section(p) for p in plans)
    figures = tuple(_stage_figure(p) for p in plans)
    survey = latest_round_summary(municipality)
    if survey is not None:
        sections += (_survey_section(survey),)
        figures += _survey_figures(survey)
    return ImplementationParts(sections, figures)


def _rate_text(rate: Rate) -> str:
    return DASH if rate.percent is None else f"{rate.percent} %".replace(".", ",")


def _survey_section(survey: RoundResults) -> Section:
    r = survey.round
    lines = [
        _("%(name)s (%(kind)s), %(start)s–%(end)s.")
        % {
            "name": r.name,
            "kind": r.get_kind_display(),
            "start": formats.date_format(r.opens_on, "SHORT_DATE_FORMAT"),
            "end": formats.date_format(r.closes_on, "SHORT_DATE_FORMAT"),
        },
        _("%(responses)s svar av %(invited)s inviterte (%(rate)s).")
        % {
            "responses": survey.total.responses,
            "invited": survey.total.invited,
            "rate": _rate_text(survey.total),
        },
    ]
    if survey.previous is not None:
        lines.append(_("Sammenlignes med %(name)s.") % {"name": survey.previous.name})
    return Section(_("Medarbeiderundersøkelse: %(name)s") % {"name": r.name}, tuple(lines))


def _survey_figures(survey: RoundResults) -> tuple[Figure, ...]:
    rates = Figure(
        slug="survey-rates",
        title=_("Svarprosent per tjeneste"),
        summary=_("Svar av inviterte i %(name)s.") % {"name": survey.round.name},
        columns=(_("Tjeneste"), _("Svar"), _("Inviterte"), _("Svarprosent")),
        rows=tuple(
            (rate.label, str(rate.responses), str(rate.invited), _rate_text(rate))
            for rate in survey.kind_rates
        ),
        bars=tuple(
            Bar(rate.label, float(rate.percent), _rate_text(rate))
            for rate in survey.kind_rates
            if rate.percent is not None
        ),
        percent=True,
        total=(
            _("I alt"),
            str(survey.total.responses),
            str(survey.total.invited),
            _rate_text(survey.total),
        ),
    )
    cross = survey.cross_tab
    if cross is None:
        return (rates,)
    columns = cross.columns
    use = Figure(
        slug="survey-use",
        title=_("Hvor ofte veilederen brukes, per tjeneste"),
        summary=cross.text,
        columns=(_("Svar"), *(c.label for c in columns)),
        rows=tuple(
            (label, *(_share_text(share) for share in shares)) for label, shares in cross.rows()
        ),
        bars=tuple(
            Bar(share.label, float(share.percent), _share_text(share))
            for share in cross.total.shares
            if not cross.total.hidden and share.percent is not None
        ),
        percent=True,
        notes=(
            _(
                "Stolpene viser alle svar; tabellen viser hver tjeneste. Grupper med færre enn "
                "%(n)s svar vises ikke."
            )
            % {"n": survey.min_group},
        ),
    )
    return (rates, use)


def _share_text(share: Share | None) -> str:
    if share is None:
        return _("skjult")
    return DASH if share.percent is None else f"{share.percent} %".replace(".", ",")


def _plan_section(plan: PlanSummary) -> Section:
    if plan.current_phase:
        phase = _("Fase: %(phase)s (fra %(date)s).") % {
            "phase": plan.current_phase,
            "date": formats.date_format(plan.phase_entered_on, "SHORT_DATE_FORMAT")
            if plan.phase_entered_on
            else DASH,
        }
    else:
        phase = _("Ingen fase er startet ennå.")
    return Section(
        title=_("Innføringsplan: %(name)s") % {"name": plan.name},
        lines=(
            phase,
            _("Milepæler: %(done)s av %(total)s nådd, %(late)s forsinket.")
            % {
                "done": plan.milestones_done,
                "total": plan.milestones_total,
                "late": plan.milestones_late,
            },
            _("Endringsagenter: %(with)s enheter har en, %(without)s mangler.")
            % {"with": plan.units_with_agent, "without": plan.units_without_agent},
        ),
    )


def _stage_figure(plan: PlanSummary) -> Figure:
    names = {s.number: f"{s.number}. {s.name}" for s in SIC_STAGES}
    phases = {s.number: str(SIC_PHASES[s.phase]) for s in SIC_STAGES}
    return Figure(
        slug=f"stages-{plan.plan_id}",
        title=_("Innføringstrinn: %(name)s") % {"name": plan.name},
        summary=_(
            "Andel av hvert trinns aktiviteter som er gjort, og hvor lenge trinnet har tatt "
            "(fra første til siste gjennomførte aktivitet)."
        ),
        columns=(_("Trinn"), _("Fase"), _("Gjort"), _("Andel"), _("Varighet")),
        rows=tuple(
            (
                names[s.number],
                phases[s.number],
                f"{s.done}/{s.total}",
                percent(s.proportion),
                days_text(s.duration_days),
            )
            for s in plan.stages
        ),
        bars=tuple(
            Bar(names[s.number], 100 * s.proportion, percent(s.proportion)) for s in plan.stages
        ),
    )
