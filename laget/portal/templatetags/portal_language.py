"""The family side's languages for its language switch."""

from django import template

from laget.lib.languages import FAMILY_LANGUAGES, Language

register = template.Library()


@register.simple_tag
def family_languages() -> tuple[Language, ...]:
    return FAMILY_LANGUAGES
