"""The standard perspectives. They are data: the admin can rename them or add more; this only
adds the standard ones that are missing (after every migrate)."""

STANDAARD_PERSPECTIEVEN = [
    ("bestuur", "Bestuur", "Wethouder, collegeleden, raadsleden", 1),
    ("beleid", "Beleid", "Beleidsmedewerkers en managers sociaal domein", 2),
    (
        "uitvoering",
        "Uitvoering / toegang",
        "Toegangsmedewerkers, wijk- en gebiedsteams, klantmanagers, consulenten",
        3,
    ),
    (
        "inwoner",
        "Inwoner / cliëntvertegenwoordiging",
        "Adviesraad sociaal domein, cliëntenraad, ervaringsdeskundigen",
        4,
    ),
    (
        "ketenpartner",
        "Ketenpartner",
        "Huisartsen, zorgaanbieders, welzijn, schuldhulp, onderwijs, woningcorporaties",
        5,
    ),
]


def zorg_voor_perspectieven(**kwargs):
    from assessments.models import Perspectief

    for sleutel, naam, omschrijving, volgorde in STANDAARD_PERSPECTIEVEN:
        Perspectief.objects.get_or_create(
            sleutel=sleutel,
            defaults={"naam": naam, "omschrijving": omschrijving, "volgorde": volgorde},
        )
