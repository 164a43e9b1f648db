"""Every text a family side template shows is marked for translation.

A template's text outside {% translate %} and {% blocktranslate %} would show in bokmål to a
family that reads Arabic. The check reads each template's tokens (Django's own lexer), drops
what is translated and what the template fills in, and parses what is left as HTML: any letter
in a text node, or in an attribute a person reads (title, alt, aria-label, placeholder), fails.

Text inside an element that names its own language (`lang="…"`) is meant to be in that
language (a language's own name in the switch) and is left alone.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.template.base import Lexer, TokenType

from laget.portal.family_messages import is_family_source

TEMPLATES = Path(settings.BASE_DIR) / "laget" / "templates"
FAMILY_TEMPLATES = sorted(
    path
    for path in TEMPLATES.rglob("*.html")
    if is_family_source(str(path.relative_to(settings.BASE_DIR)))
)
READ_ATTRIBUTES = frozenset({"title", "alt", "aria-label", "placeholder", "aria-description"})
# A product name, and signs that read the same in every language.
NOT_WORDS = re.compile(r"\bLaget\b|&[a-z]+;|&#\d+;|[^\w]|[\d_]")
# What the template fills in: a sign with no letters, harmless inside a tag too.
FILLED = "0"
VOID = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"})


def untranslated_source(source: str) -> str:
    """The template with what it translates (and its comments) removed and what it fills in
    blanked."""
    kept: list[str] = []
    depth = 0
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0] if token.contents else ""
            if name in {"blocktranslate", "blocktrans", "comment"}:
                depth += 1
            elif name in {"endblocktranslate", "endblocktrans", "endcomment"}:
                depth -= 1
            # A tag ({% if %}, {% url %}, …) shows no text of its own.
        elif token.token_type == TokenType.TEXT and depth == 0:
            kept.append(token.contents)
        elif token.token_type == TokenType.VAR and depth == 0:
            kept.append(FILLED)
    return "".join(kept)


class TextFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.stack: list[tuple[str, bool]] = []
        self.found: list[str] = []

    def own_language(self) -> bool:
        return any(has_lang for _tag, has_lang in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {name for name, _value in attrs}
        if tag not in VOID:
            self.stack.append((tag, "lang" in names or tag in {"script", "style"}))
        if self.own_language() or "lang" in names:
            return
        for name, value in attrs:
            if name in READ_ATTRIBUTES and value and has_words(value):
                self.found.append(f'{name}="{value}"')

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        if not self.own_language() and has_words(data):
            self.found.append(data.strip())


def has_words(text: str) -> bool:
    return bool(NOT_WORDS.sub("", text))


def untranslated_texts(source: str) -> list[str]:
    finder = TextFinder()
    finder.feed(untranslated_source(source))
    finder.close()
    return finder.found


def test_the_family_side_has_templates_to_check() -> None:
    names = {path.name for path in FAMILY_TEMPLATES}
    assert {"base.html", "home.html", "case_detail.html", "_site_tools.html"} <= names


@pytest.mark.parametrize(
    "path", FAMILY_TEMPLATES, ids=[str(p.relative_to(TEMPLATES)) for p in FAMILY_TEMPLATES]
)
def test_family_template_marks_every_text_for_translation(path: Path) -> None:
    assert untranslated_texts(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("<p>Hei</p>", ["Hei"]),
        ('<p>{% translate "Hei" %}</p>', []),
        ("<p>{% blocktranslate %}Hei {{ name }}{% endblocktranslate %}</p>", []),
        ("<p>{{ name }} – {{ other }}</p>", []),
        ('<button title="Lukk">x</button>', ['title="Lukk"', "x"]),
        ('<span lang="en">Language</span>', []),
        ('<option lang="se">Davvisámegiella</option>', []),
        ("<p>Laget 2026</p>", []),
        ("<p>{% if a %}Ny{% endif %}</p>", ["Ny"]),
        ('<img alt="{% translate "Logo" %}" src="x.png">', []),
        ("{% comment %}A note{% endcomment %}<p{% if a %} class='b'{% endif %}>0</p>", []),
    ],
)
def test_the_check_finds_untranslated_text(source: str, found: list[str]) -> None:
    assert untranslated_texts(source) == found
