"""What changed between two framework versions, matched on the stable keys.

Every kind of content (answer scale, perspectives, basisfunctionaliteiten, uitgangspunten, links,
check-vragen with their levels and perspectives, handreikingen, begrippen) is read in a fixed
number of queries per version, so the comparison costs the same for a small and a large
framework.
"""

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.utils.text import capfirst

from .models import (
    Antwoordniveau,
    Basisfunctionaliteit,
    Begrip,
    CheckVraag,
    Handreiking,
    KaderPerspectief,
    KaderVersie,
    Koppeling,
    Uitgangspunt,
)
from .models_v2 import perspectief_prefetch

__all__ = ["Onderdeelverschil", "Wijziging", "vergelijk", "vorige_versie", "woordverschil"]


@dataclass
class Wijziging:
    """One item that exists in both versions with at least one field that differs."""

    sleutel: str
    naam: str
    velden: list[tuple[str, str, str]]  # (label, before, after)
    pk: int | None = None  # of the object (or the page it is edited on) in the newer version

    @property
    def regels(self):
        """Per field: label and the words before and after, each as (text, changed) pieces."""
        return [(label, *woordverschil(voor, na)) for label, voor, na in self.velden]


def woordverschil(voor: str, na: str):
    """Split two texts into pieces of words, marking the words that differ."""
    oud, nieuw = voor.split(" "), na.split(" ")
    links, rechts = [], []
    for soort, a, b, c, d in SequenceMatcher(None, oud, nieuw, autojunk=False).get_opcodes():
        gelijk = soort == "equal"
        if a < b:
            links.append((" ".join(oud[a:b]), not gelijk))
        if c < d:
            rechts.append((" ".join(nieuw[c:d]), not gelijk))
    return links, rechts


@dataclass
class Onderdeelverschil:
    """The differences of one kind of content."""

    soort: str
    toegevoegd: list[tuple[str, str]] = field(default_factory=list)  # (key, name)
    verwijderd: list[tuple[str, str]] = field(default_factory=list)
    gewijzigd: list[Wijziging] = field(default_factory=list)
    # The model whose admin page edits an item (a link is edited on its uitgangspunt's page) and,
    # per key, the pk of that page's object in the newer and in the older version.
    pagina_model: type | None = None
    pk_nieuw: dict[str, int] = field(default_factory=dict)
    pk_oud: dict[str, int] = field(default_factory=dict)

    @property
    def aantal(self) -> int:
        return len(self.toegevoegd) + len(self.verwijderd) + len(self.gewijzigd)


def vorige_versie(versie: KaderVersie) -> KaderVersie | None:
    """The version this one is compared with: the one it was copied from, else the one before."""
    if versie.gebaseerd_op_id:
        return versie.gebaseerd_op
    return KaderVersie.objects.filter(nummer__lt=versie.nummer).order_by("-nummer").first()


# Compared values that are not a field of the model.
LABELS = {"perspectieven": "Gesteld aan"}


def _label(model, veld: str) -> str:
    if veld in LABELS:
        return LABELS[veld]
    return capfirst(str(model._meta.get_field(veld).verbose_name))


def _antwoordschaal(versie):
    return {
        str(n.waarde): (str(n), {"label": n.label, "omschrijving": n.omschrijving}, n.pk)
        for n in Antwoordniveau.objects.filter(versie=versie)
    }


def _basisfunctionaliteiten(versie):
    velden = ("volgorde", "titel", "korte_titel", "omschrijving")
    return {
        bf.sleutel: (bf.naam, {v: str(getattr(bf, v)) for v in velden}, bf.pk)
        for bf in Basisfunctionaliteit.objects.filter(versie=versie)
    }


def _uitgangspunten(versie):
    velden = ("volgorde", "titel", "korte_titel", "omschrijving", "goed_als", "signalen")
    return {
        up.sleutel: (up.naam, {v: str(getattr(up, v)) for v in velden}, up.pk)
        for up in Uitgangspunt.objects.filter(versie=versie)
    }


def _koppelingen(versie):
    rijen = Koppeling.objects.filter(uitgangspunt__versie=versie).select_related(
        "uitgangspunt", "basisfunctionaliteit"
    )
    return {
        f"{k.uitgangspunt.sleutel}-{k.basisfunctionaliteit.sleutel}": (
            str(k),
            {"reden": k.reden},
            k.uitgangspunt_id,
        )
        for k in rijen
    }


def _perspectieven(versie):
    velden = ("naam", "omschrijving", "volgorde")
    return {
        p.sleutel: (p.naam, {v: str(getattr(p, v)) for v in velden}, p.pk)
        for p in KaderPerspectief.objects.filter(versie=versie)
    }


def _gesteld_aan(vraag) -> str:
    """Who gets the question, with any own wording: "Beleid; Inwoner: "Als ik ..."" """
    delen = [
        rij.perspectief.naam
        + (f": “{rij.tekst}”" if rij.tekst else "")
        + (f" (toelichting: {rij.helptekst})" if rij.helptekst else "")
        for rij in sorted(vraag.voor_perspectieven.all(), key=lambda r: r.perspectief.volgorde)
    ]
    return "; ".join(delen) or "iedereen"


def _checkvragen(versie):
    rijen = (
        CheckVraag.objects.filter(uitgangspunt__versie=versie)
        .select_related("uitgangspunt")
        .prefetch_related(perspectief_prefetch())
    )
    return {
        v.sleutel: (
            v.tekst,
            {
                "uitgangspunt": v.uitgangspunt.naam,
                "volgorde": str(v.volgorde),
                "fase": v.get_fase_display(),
                "tekst": v.tekst,
                "helptekst": v.helptekst,
                **{f"niveau_{n}": getattr(v, f"niveau_{n}") for n in range(1, 5)},
                "perspectieven": _gesteld_aan(v),
            },
            v.pk,
        )
        for v in rijen
    }


def _handreikingen(versie):
    rijen = Handreiking.objects.filter(versie=versie).prefetch_related("uitgangspunten")
    return {
        h.sleutel: (
            h.titel,
            {
                "titel": h.titel,
                "uitgever": h.uitgever,
                "url": h.url,
                "bron": h.bron,
                "soort": h.get_soort_display(),
                "omschrijving": h.omschrijving,
                "uitgangspunten": ", ".join(
                    sorted((up.sleutel for up in h.uitgangspunten.all()), key=_natuurlijk)
                ),
            },
            h.pk,
        )
        for h in rijen
    }


def _begrippen(versie):
    return {
        b.term: (b.term, {"uitleg": b.uitleg}, b.pk) for b in Begrip.objects.filter(versie=versie)
    }


def _natuurlijk(sleutel: str):
    """UP2 before UP10, UP1-2 before UP1-10."""
    # (0, number, "") for a run of digits, (1, 0, text) for other text: always comparable
    return [(0, int(deel), "") if deel.isdigit() else (1, 0, deel) for deel in _delen(sleutel)]


def _delen(tekst: str) -> list[str]:
    delen, huidig = [], ""
    for teken in tekst:
        if huidig and teken.isdigit() != huidig[-1].isdigit():
            delen.append(huidig)
            huidig = ""
        huidig += teken
    return delen + [huidig] if huidig else delen


# (heading, model, reader, model of the page the item is edited on)
SOORTEN = (
    ("Antwoordschaal", Antwoordniveau, _antwoordschaal, Antwoordniveau),
    ("Perspectieven", KaderPerspectief, _perspectieven, KaderPerspectief),
    ("Basisfunctionaliteiten", Basisfunctionaliteit, _basisfunctionaliteiten, Basisfunctionaliteit),
    ("Uitgangspunten", Uitgangspunt, _uitgangspunten, Uitgangspunt),
    ("Koppelingen met basisfunctionaliteiten", Koppeling, _koppelingen, Uitgangspunt),
    ("Check-vragen", CheckVraag, _checkvragen, CheckVraag),
    ("Handreikingen", Handreiking, _handreikingen, Handreiking),
    ("Begrippen", Begrip, _begrippen, Begrip),
)


def vergelijk(oud: KaderVersie | None, nieuw: KaderVersie) -> list[Onderdeelverschil]:
    """Per kind of content: what is new in ``nieuw``, what is gone and what changed."""
    uitkomst = []
    for soort, model, lees, pagina_model in SOORTEN:
        voor = lees(oud) if oud is not None else {}
        na = lees(nieuw)
        verschil = Onderdeelverschil(
            soort,
            pagina_model=pagina_model,
            pk_nieuw={sleutel: rij[2] for sleutel, rij in na.items()},
            pk_oud={sleutel: rij[2] for sleutel, rij in voor.items()},
        )
        for sleutel in sorted(na.keys() - voor.keys(), key=_natuurlijk):
            verschil.toegevoegd.append((sleutel, na[sleutel][0]))
        for sleutel in sorted(voor.keys() - na.keys(), key=_natuurlijk):
            verschil.verwijderd.append((sleutel, voor[sleutel][0]))
        for sleutel in sorted(voor.keys() & na.keys(), key=_natuurlijk):
            velden_voor, velden_na = voor[sleutel][1], na[sleutel][1]
            velden = [
                (_label(model, v), velden_voor[v], velden_na[v])
                for v in velden_na
                if velden_voor[v] != velden_na[v]
            ]
            if velden:
                verschil.gewijzigd.append(
                    Wijziging(sleutel, na[sleutel][0], velden, pk=na[sleutel][2])
                )
        uitkomst.append(verschil)
    return uitkomst
