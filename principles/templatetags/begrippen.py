"""``{{ tekst|met_begrippen:begrippen }}``: the text, escaped, with the first occurrence of each
term of the begrippenlijst linked to its explanation on the begrippen page.

A term matches as a whole word; an all-caps term (``GGZ``) only in capitals, any other term in
any case. One regular expression per version is compiled and kept in this process.

Passed a :class:`OpDezePagina` (what the views give), a term is linked only the first time it
occurs on the page, not once in every text: a page of seven questions with four levels each
would otherwise link "toegang" ten times.
"""

import re

from django import template
from django.urls import reverse
from django.utils.html import escape, format_html, format_html_join

register = template.Library()


class OpDezePagina(list):
    """The begrippen of a version, remembering which terms this page has linked already."""

    def __init__(self, begrippen=()):
        super().__init__(begrippen)
        self.gelinkt: set[str] = set()


# versie id -> (terms it was built for, pattern, term by exact text, term by folded text)
_PATRONEN: dict[int, tuple] = {}


def _hoofdletters(term: str) -> bool:
    return any(t.isalpha() for t in term) and term == term.upper()


def _patroon(begrippen: list):
    termen = tuple(sorted(b.term for b in begrippen))
    versie_id = begrippen[0].versie_id
    bewaard = _PATRONEN.get(versie_id)
    if bewaard is not None and bewaard[0] == termen:
        return bewaard[1:]
    exact, gevouwen = {}, {}
    delen = []
    for begrip in sorted(begrippen, key=lambda b: -len(b.term)):
        if _hoofdletters(begrip.term):
            exact[begrip.term] = begrip
            delen.append(re.escape(begrip.term))
        else:
            gevouwen[begrip.term.casefold()] = begrip
            delen.append(f"(?i:{re.escape(begrip.term)})")
    patroon = re.compile(rf"(?<!\w)(?:{'|'.join(delen)})(?!\w)")
    _PATRONEN[versie_id] = (termen, patroon, exact, gevouwen)
    return patroon, exact, gevouwen


@register.filter(is_safe=True)
def met_begrippen(tekst, begrippen):
    """Escape ``tekst`` and link the first occurrence of each of ``begrippen`` (Begrip
    objects of one version) to ``/kader/begrippen/#<anker>``."""
    tekst = "" if tekst is None else str(tekst)
    begrippen_in = begrippen
    begrippen = [b for b in (begrippen or []) if b.term.strip()]
    if not begrippen or not tekst:
        return escape(tekst)
    patroon, exact, gevouwen = _patroon(begrippen)
    pagina = reverse("principles:begrippen")
    gelinkt = getattr(begrippen_in, "gelinkt", set())
    delen, positie = [], 0
    for match in patroon.finditer(tekst):
        gevonden = match.group(0)
        begrip = exact.get(gevonden) or gevouwen.get(gevonden.casefold())
        if begrip is None or begrip.term in gelinkt:
            continue
        gelinkt.add(begrip.term)
        delen.append(escape(tekst[positie : match.start()]))
        delen.append(
            format_html(
                '<a class="utrecht-link" href="{}#{}">{}</a>',
                pagina,
                begrip.anker,
                gevonden,
            )
        )
        positie = match.end()
    delen.append(escape(tekst[positie:]))
    return format_html_join("", "{}", ((deel,) for deel in delen))  # each piece is safe
