"""Stage progress from completion dates, on constructed stages with known answers."""

import datetime

from django.utils.translation import gettext_lazy as _

from laget.implementation.sic import StageProgress, medians, progress, stage_progress
from laget.implementation.sic_data import SIC_ACTIVITIES, SIC_STAGES, SicActivity, SicStage

D = datetime.date


def stage(number: int, *keys: str) -> SicStage:
    return SicStage(number, "pre", _("Trinn"), tuple(SicActivity(k, _(k), _("")) for k in keys))


ONE = stage(1, "a", "b", "c", "d")
TWO = stage(2, "e", "f")


def test_proportion_and_duration_of_a_stage() -> None:
    done = {"a": D(2024, 1, 10), "b": D(2024, 3, 1), "c": D(2024, 2, 1)}
    assert stage_progress(ONE, done) == StageProgress(1, 3, 4, 0.75, D(2024, 1, 10), 51)


def test_activities_completed_out_of_order_span_earliest_to_latest() -> None:
    # The last activity of the stage was done first.
    done = {"d": D(2023, 12, 1), "a": D(2024, 1, 1)}
    result = stage_progress(ONE, done)
    assert (result.started_on, result.duration_days) == (D(2023, 12, 1), 31)


def test_a_stage_with_nothing_completed_has_no_start_and_no_duration() -> None:
    assert stage_progress(TWO, {"a": D(2024, 1, 1)}) == StageProgress(2, 0, 2, 0.0, None, None)


def test_one_completed_activity_lasts_zero_days() -> None:
    result = stage_progress(TWO, {"f": D(2024, 5, 5)})
    assert (result.proportion, result.duration_days) == (0.5, 0)


def test_progress_covers_every_stage_in_order() -> None:
    rows = progress({"e": D(2024, 1, 1), "f": D(2024, 1, 3)}, [ONE, TWO])
    assert [(r.number, r.proportion, r.duration_days) for r in rows] == [
        (1, 0.0, None),
        (2, 1.0, 2),
    ]


def test_medians_ignore_missing_durations() -> None:
    a = progress({"a": D(2024, 1, 1), "b": D(2024, 1, 11)}, [ONE])  # 0.5, 10 days
    b = progress({"a": D(2024, 1, 1)}, [ONE])  # 0.25, 0 days
    c = progress({}, [ONE])  # 0.0, no duration
    [m] = medians([a, b, c])
    assert (m.number, m.proportion, m.duration_days) == (1, 0.25, 5)


def test_the_shipped_stages_are_eight_in_three_phases_with_unique_keys() -> None:
    assert [s.number for s in SIC_STAGES] == list(range(1, 9))
    assert {s.phase for s in SIC_STAGES} == {"pre", "implementation", "sustainability"}
    assert all(3 <= len(s.activities) <= 5 for s in SIC_STAGES)
    assert len(SIC_ACTIVITIES) == sum(len(s.activities) for s in SIC_STAGES)
