"""What changed between two versions of a guide, readable by the people who edit it.

Each version is rendered as canonical text, one section per level and per step (a step is known
by its slug, so a moved step shows as a changed position, not as removed and added). Sections
are compared line by line with difflib; `unified_diff` gives the same as one text.
"""

import difflib
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from laget.guide.models import ExitKind, GuideVersion
from laget.guide.structure import normal_exit, version_levels


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    lines: list[str]


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "added", "removed" or "changed"
    text: str
    old: str = ""  # for "changed": the line before


@dataclass
class SectionDiff:
    key: str
    title: str
    status: str  # "added", "removed" or "changed"
    lines: list[DiffLine] = field(default_factory=list)


def _exit_text(value: object) -> str:
    e = normal_exit(value)
    kind = ExitKind(e["kind"]).label if e["kind"] in ExitKind.values else e["kind"]
    target = f" {e['target']}" if e["target"] != "" else ""
    label = f" – {e['label']}" if e["label"] else ""
    return f"{kind}{target}{label}"


def sections(version: GuideVersion) -> list[Section]:
    out: list[Section] = []
    for level in version_levels(version):
        number = level["number"]
        lines = [_("Tittel: %(v)s") % {"v": level.get("title", "")}]
        lines += [_("Beskrivelse:")] + [f"  {x}" for x in level.get("summary", "").splitlines()]
        out.append(Section(f"level:{number}", _("Nivå %(n)s") % {"n": number}, lines))
        for position, step in enumerate(level.get("steps", []), start=1):
            lines = [
                _("Plassering: nivå %(level)s, steg %(pos)s") % {"level": number, "pos": position},
                _("Tittel: %(v)s") % {"v": step.get("title", "")},
                _("Hvem: %(v)s") % {"v": step.get("actor", "") or "–"},
                _("Frist: %(v)s")
                % {
                    "v": _("%(n)s dager") % {"n": step["deadline_days"]}
                    if step.get("deadline_days")
                    else "–"
                },
                _("Tekst:"),
                *[f"  {x}" for x in step.get("body", "").splitlines()],
                *[_("Vei videre: %(v)s") % {"v": _exit_text(e)} for e in step.get("exits", [])],
                _("Verktøy: %(v)s") % {"v": ", ".join(step.get("tools", [])) or "–"},
                _("Tjenester: %(v)s")
                % {"v": ", ".join(str(s) for s in step.get("services", [])) or "–"},
            ]
            title = _("Steg «%(title)s» (%(slug)s)") % {
                "title": step.get("title", ""),
                "slug": step["slug"],
            }
            out.append(Section(f"step:{step['slug']}", title, lines))
    return out


def canonical_text(version: GuideVersion) -> str:
    parts: list[str] = []
    for section in sections(version):
        parts.append(f"## {section.title}")
        parts.extend(section.lines)
        parts.append("")
    return "\n".join(parts)


def unified_diff(old: GuideVersion, new: GuideVersion) -> str:
    return "".join(
        difflib.unified_diff(
            canonical_text(old).splitlines(keepends=True),
            canonical_text(new).splitlines(keepends=True),
            fromfile=f"v{old.number}",
            tofile=f"v{new.number}",
        )
    )


def _line_changes(old: list[str], new: list[str]) -> list[DiffLine]:
    changes: list[DiffLine] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        removed, added = old[i1:i2], new[j1:j2]
        if tag == "replace":
            pairs = min(len(removed), len(added))
            changes += [DiffLine("changed", b, old=a) for a, b in zip(removed, added, strict=False)]
            removed, added = removed[pairs:], added[pairs:]
        changes += [DiffLine("removed", a) for a in removed]
        changes += [DiffLine("added", b) for b in added]
    return changes


def version_diff(old: GuideVersion, new: GuideVersion) -> list[SectionDiff]:
    """The sections that differ, in the new version's order, removed ones after them."""
    before = {s.key: s for s in sections(old)}
    after = sections(new)
    result: list[SectionDiff] = []
    for section in after:
        previous = before.get(section.key)
        if previous is None:
            lines = [DiffLine("added", x) for x in section.lines]
            result.append(SectionDiff(section.key, section.title, "added", lines))
            continue
        changes = _line_changes(previous.lines, section.lines)
        if changes:
            result.append(SectionDiff(section.key, section.title, "changed", changes))
    keys = {s.key for s in after}
    for key, section in before.items():
        if key not in keys:
            lines = [DiffLine("removed", x) for x in section.lines]
            result.append(SectionDiff(key, section.title, "removed", lines))
    return result
