"""Exports of one scan for the gemeente's own users: CSV (opens in Excel with Dutch settings)
and JSON (everything of the scan, for data portability). Respondents appear without names."""

import csv
import io
import json

from django.utils import timezone

from assessments.excel import als_excel
from assessments.models import Antwoord, Scan

from .inhoud import Spiegel

__all__ = ["scan_als_csv", "scan_als_json"]


def _gemiddelde(uitslag, perspectief):
    """The mean of a perspective, or "niet gevraagd" when it was not asked (framework v2)."""
    if perspectief.pk in uitslag.niet_gevraagd:
        return "niet gevraagd"
    return als_excel(uitslag.per_perspectief.get(perspectief.pk))


def scan_als_csv(spiegel: Spiegel) -> str:
    uit = io.StringIO()
    schrijver = csv.writer(uit, delimiter=";", lineterminator="\r\n")
    perspectieven = spiegel.perspectieven_met_respondenten
    schrijver.writerow(
        [
            "soort",
            "sleutel",
            "uitgangspunt",
            "tekst",
            "fase",
            "score",
            "voorstel gebruikt",
            "ambitie",
            "gat",
            "verschil tussen perspectieven",
        ]
        + [f"gemiddelde {p.naam}" for p in perspectieven]
    )
    for u in spiegel.uitgangspunten:
        schrijver.writerow(
            [
                als_excel(x)
                for x in [
                    "uitgangspunt",
                    u.up.sleutel,
                    u.up.korte_titel,
                    u.up.titel,
                    "",
                    u.score,
                    "",
                    u.ambitie,
                    u.gat,
                    u.spreiding,
                ]
            ]
            + [_gemiddelde(u, p) for p in perspectieven]
        )
        for v in u.vragen:
            schrijver.writerow(
                [
                    als_excel(x)
                    for x in [
                        "check-vraag",
                        v.vraag.sleutel,
                        u.up.korte_titel,
                        v.vraag.tekst,
                        v.vraag.get_fase_display(),
                        v.vastgesteld,
                        "ja" if v.is_voorstel else "nee",
                        "",
                        "",
                        v.spreiding,
                    ]
                ]
                + [_gemiddelde(v, p) for p in perspectieven]
            )
    return "\ufeff" + uit.getvalue()


def scan_als_json(scan: Scan, spiegel: Spiegel) -> str:
    antwoorden = (
        Antwoord.objects.filter(respondent__scan=scan)
        .values_list(
            "respondent_id",
            "respondent__perspectief__sleutel",
            "checkvraag__sleutel",
            "waarde",
            "toelichting",
        )
        .order_by("respondent_id", "checkvraag__uitgangspunt__volgorde", "checkvraag__volgorde")
    )
    respondenten = {}
    for rid, perspectief, sleutel, waarde, toelichting in antwoorden:
        r = respondenten.setdefault(rid, {"perspectief": perspectief, "antwoorden": []})
        r["antwoorden"].append({"vraag": sleutel, "waarde": waarde, "toelichting": toelichting})
    data = {
        "formaat": "vit-scan/1",
        "gemaakt_op": timezone.now().isoformat(),
        "gemeente": {"code": scan.gemeente.code, "naam": scan.gemeente.naam},
        "scan": {
            "titel": scan.titel,
            "periode": scan.periode,
            "status": scan.status,
            "afgerond_op": scan.afgerond_op.isoformat() if scan.afgerond_op else None,
            "toestemming_vergelijking": scan.toestemming_vergelijking,
            "kaderversie": scan.kaderversie.nummer,
        },
        "uitgangspunten": [
            {
                "sleutel": u.up.sleutel,
                "titel": u.up.titel,
                "score": u.score,
                "ambitie": u.ambitie,
                "gat": u.gat,
                "checkvragen": [
                    {
                        "sleutel": v.vraag.sleutel,
                        "tekst": v.vraag.tekst,
                        "fase": v.vraag.fase,
                        "vastgesteld": v.vastgesteld,
                        "voorstel_gebruikt": v.is_voorstel,
                    }
                    for v in u.vragen
                ],
            }
            for u in spiegel.uitgangspunten
        ],
        "respondenten": [{"nummer": i, **r} for i, r in enumerate(respondenten.values(), start=1)],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)
