"""`{% if case|opens:"plans:plan_detail" %}`: whether a page opens for the case, so that a
practice case's pages offer no link to a page that answers 404 for it (laget.practice.pages)."""

from django import template

from laget.cases.models import Case
from laget.practice.pages import opens as page_opens

register = template.Library()


@register.filter
def opens(case: Case, view_name: str) -> bool:
    return page_opens(view_name, case.pk)
