# ruff: noqa: F811  (the fixtures imported from the sibling module are parameters here)
"""Nobody but a VNG-analist with a second factor sees the comparison, and only by reading."""

import pytest
from django.urls import reverse

from .factories import coordinator, lezer, vng_analist
from .test_vergelijken import PAGINAS, analist, historie  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("maak", [coordinator, lezer])
@pytest.mark.parametrize("pagina", PAGINAS)
def test_gemeente_users_are_refused_the_analist_pages(client, kader, maak, pagina):
    client.force_login(maak())
    assert client.get(reverse(f"vergelijken:{pagina}")).status_code == 403
    assert client.get(reverse(f"vergelijken:{pagina}"), {"formaat": "csv"}).status_code == 403


@pytest.mark.parametrize("pagina", PAGINAS)
def test_anonymous_visitors_must_log_in(client, kader, pagina):
    response = client.get(reverse(f"vergelijken:{pagina}"), {"formaat": "csv"})
    assert response.status_code == 302 and "/inloggen/" in response["Location"]


@pytest.mark.parametrize("pagina", PAGINAS)
def test_an_analist_without_second_factor_gets_no_figures(client, historie, pagina):
    client.force_login(vng_analist())
    response = client.get(reverse(f"vergelijken:{pagina}"), {"formaat": "csv"})
    assert response.status_code in (302, 403)
    assert b"aantal gemeenten" not in response.content.lower()
    assert "text/csv" not in response.get("Content-Type", "")


def test_pages_only_answer_to_reading(client, analist, historie):
    assert client.post(reverse("vergelijken:overzicht")).status_code == 405
