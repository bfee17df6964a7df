from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
KADER_BESTAND = ROOT / "fixtures" / "kader_v1.json"
GEMEENTEN_BESTAND = ROOT / "fixtures" / "gemeenten_2025.csv"
# A small but complete version 2 (perspectives, levels, begrippen) for the loader and pages.
KADER_V2_KLEIN = ROOT / "tests" / "fixtures" / "kader_v2_klein.json"


@pytest.fixture
def kader(db):
    """The shipped framework version 1, loaded and published."""
    from principles.loader import laad_kader

    versie, _ = laad_kader(KADER_BESTAND)
    return versie


@pytest.fixture
def kader_v2(db):
    """The small version 2 of tests/fixtures, loaded and published."""
    from principles.loader import laad_kader

    versie, _ = laad_kader(KADER_V2_KLEIN)
    return versie


@pytest.fixture
def gemeenten(db):
    from assessments.gemeenten.importeren import laad_gemeentelijst

    laad_gemeentelijst(GEMEENTEN_BESTAND)


@pytest.fixture(autouse=True)
def _reset_axes_cache():
    yield
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def redacteur(client, db):
    """An inhoudsbeheerder logged in with the second step (the content editor)."""
    from .factories import inhoudsbeheerder
    from .otp import tweede_factor

    user = inhoudsbeheerder(first_name="Ineke", last_name="Inhoud")
    tweede_factor(client, user)
    return user


@pytest.fixture
def kopie(kader):
    """A concept version 2, copied from the published version 1."""
    return kader.maak_kopie()
