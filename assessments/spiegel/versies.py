"""The change since the previous finalised scan when that scan used another framework version.

Only check-vragen with the same stable key in both versions (within the same uitgangspunt) are
compared: per uitgangspunt both scores are computed again on those shared keys only, so a new
or dropped question never moves the change. What could not be compared is named, per
uitgangspunt. With the same version the spiegel keeps its plain comparison (``inhoud``)."""

from dataclasses import dataclass, field

from assessments import scoring
from assessments.models import Scan, VastgesteldeScore
from principles.models import CheckVraag

__all__ = ["Vergelijkbaarheid", "vergelijk_over_versies"]


@dataclass
class Vergelijkbaarheid:
    """What the change of one uitgangspunt rests on, when the previous scan used another
    framework version: the shared keys, and the questions only one of the two versions has."""

    periode: int  # of the previous scan
    kaderversie: int  # number of the previous scan's framework version
    gedeeld: list[str] = field(default_factory=list)
    nieuw: list[tuple[str, str]] = field(default_factory=list)  # (key, text): only now
    vervallen: list[tuple[str, str]] = field(default_factory=list)  # (key, text): only then

    @property
    def te_vergelijken(self) -> bool:
        return bool(self.gedeeld)

    @property
    def niet_vergeleken(self) -> list[tuple[str, str, str]]:
        """(key, text, "nieuw" or "vervallen") of every question left out of the change."""
        return [(s, t, "nieuw") for s, t in self.nieuw] + [
            (s, t, "vervallen") for s, t in self.vervallen
        ]

    @property
    def zin(self) -> str:
        """The sentence the spiegel and the PDF show beside the change."""
        scan = f"de scan van {self.periode} (kaderversie {self.kaderversie})"
        if not self.gedeeld:
            return (
                f"Niet te vergelijken met {scan}: geen van deze check-vragen staat in beide "
                "kaderversies."
            )
        n = len(self.gedeeld)
        vragen = "de check-vraag die" if n == 1 else f"de {n} check-vragen die"
        return (
            f"Vergeleken met {scan} op {vragen} in beide kaderversies hetzelfde "
            f"{'is' if n == 1 else 'zijn'}."
        )

    @property
    def samenvatting_niet(self) -> str:
        """For example "Niet te vergelijken: 1 nieuwe check-vraag en 2 vervallen check-vragen"."""
        delen = []
        for aantal, soort in ((len(self.nieuw), "nieuwe"), (len(self.vervallen), "vervallen")):
            if aantal:
                delen.append(f"{aantal} {soort} check-vra{'ag' if aantal == 1 else 'gen'}")
        return "Niet te vergelijken: " + " en ".join(delen) if delen else ""


def _vorige_vragen(vorige: Scan) -> dict[str, list[tuple[int, str, str]]]:
    """Per uitgangspunt key the questions of the previous scan's version: (pk, key, text)."""
    uit: dict[str, list[tuple[int, str, str]]] = {}
    for pk, up, sleutel, tekst in (
        CheckVraag.objects.filter(uitgangspunt__versie_id=vorige.kaderversie_id)
        .order_by("uitgangspunt__volgorde", "volgorde")
        .values_list("pk", "uitgangspunt__sleutel", "sleutel", "tekst")
    ):
        uit.setdefault(up, []).append((pk, sleutel, tekst))
    return uit


def vergelijk_over_versies(uitslagen, vorige: Scan) -> None:
    """Set ``verandering`` and ``vergelijkbaarheid`` of every uitgangspunt of the spiegel
    (``inhoud.UpUitslag``) against ``vorige``, a finalised scan on another framework version.
    Two queries, whatever the number of questions."""
    vorige_vragen = _vorige_vragen(vorige)
    vastgesteld = dict(
        VastgesteldeScore.objects.filter(scan=vorige).values_list("checkvraag_id", "waarde")
    )
    nummer = vorige.kaderversie.nummer
    for u in uitslagen:
        toen = {sleutel: (pk, tekst) for pk, sleutel, tekst in vorige_vragen.get(u.up.sleutel, [])}
        nu = {v.vraag.sleutel: v for v in u.vragen}
        info = Vergelijkbaarheid(vorige.periode, nummer)
        info.gedeeld = [s for s in nu if s in toen]
        info.nieuw = [(s, v.vraag.tekst) for s, v in nu.items() if s not in toen]
        info.vervallen = [(s, tekst) for s, (_, tekst) in toen.items() if s not in nu]
        u.vergelijkbaarheid = info
        u.verandering = None
        if not info.gedeeld:
            continue
        score_nu = scoring.uitgangspunt_score(nu[s].vastgesteld for s in info.gedeeld).score
        score_toen = scoring.uitgangspunt_score(
            vastgesteld[toen[s][0]] for s in info.gedeeld if toen[s][0] in vastgesteld
        ).score
        if score_nu is not None and score_toen is not None:
            u.verandering = round(score_nu - score_toen, 1)
