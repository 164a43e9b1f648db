"""The case page's log, one <li> per entry, built in Python (cases/_detail_entries.html).

The log is most of the case page: as a Django template loop its 50 entries cost about seven
milliseconds (some twenty variable lookups, a template tag and a URL reversal per entry); built
here with format_html they cost about one. The markup is the template's as it was; a filled
tool's result, which few entries have, stays in cases/_entry_tool_result.html.
"""

from typing import Any

from django.template.defaultfilters import linebreaks_filter
from django.template.loader import get_template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from laget.accounts.models import User
from laget.cases import rules
from laget.cases.access import CaseAccess
from laget.cases.models import Entry

_END = mark_safe("</li>\n")

# Reversed once per page with a stand-in id that no real entry id contains as text.
_STAND_IN = 2_147_483_646


def log_items(
    entries: list[Entry], *, access: CaseAccess, user: User, context: dict[str, Any]
) -> SafeString:
    """The entries as the log's <li> items. `context` is the page's (for a tool result). The
    entries carry the labels of selectors.label_entries."""
    case = access.case
    correct_url = reverse(
        "cases:entry_update", kwargs={"case_id": case.pk, "entry_id": _STAND_IN}
    ).replace(str(_STAND_IN), "{}")
    from_family = format_html(' · <span class="flag flag--info">{}</span>', gettext("fra familien"))
    corrected = format_html("· {}", gettext("rettet"))
    who_reads, correct = gettext("Hvem kan lese:"), gettext("Rett")
    tool_result = get_template("cases/_entry_tool_result.html")
    items = []
    for e in entries:
        tool = getattr(e, "filled_tool", None)  # the reverse one-to-one raises when absent
        alarm = " entry--alarm" if tool is not None and tool.requires_report else ""
        parts: list[str] = [
            format_html(
                '<li class="entry entry--{}{}">\n  <h3 class="entry__kind">{}</h3>\n'
                '  <p class="meta">\n    {}{} ·\n'
                '    <time datetime="{}">{}</time>\n    {}\n  </p>\n'
                '  <p class="audience audience--{}"><span class="visually-hidden">{} </span>{}</p>\n'
                '  <div class="entry__text">{}</div>\n',
                e.kind,
                alarm,
                e.kind_label,  # type: ignore[attr-defined]
                e.author_label,
                from_family if e.is_from_family else "",
                e.created_at.isoformat(),
                e.created_text,  # type: ignore[attr-defined]
                corrected if e.version > 1 else "",
                e.audience,
                who_reads,
                e.audience_label,  # type: ignore[attr-defined]
                linebreaks_filter(e.text, autoescape=True),
            )
        ]
        if tool is not None:
            parts.append(tool_result.render({**context, "e": e}))
        if rules.may_correct(e, user=user, access=access):
            parts.append(
                format_html(
                    '  <p><a href="{}">{}<span class="visually-hidden"> {}</span></a></p>\n',
                    correct_url.format(e.pk),
                    correct,
                    e.edit_label,  # type: ignore[attr-defined]
                )
            )
        parts.append(_END)
        items.append("".join(parts))
    return mark_safe("".join(items))  # noqa: S308 - format_html and the template escaped each part
