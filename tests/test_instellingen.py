"""Settings: production refuses to start unconfigured, and the deploy check is clean."""

import os
import subprocess
import sys

import pytest
from django.urls import reverse

from .conftest import ROOT


def _manage(*args, **env):
    schoon = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    schoon.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=schoon,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_secret_key():
    result = _manage("check", DJANGO_ALLOWED_HOSTS="vit.example.nl")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = _manage("check", DJANGO_SECRET_KEY="k" * 60)
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS is not set" in result.stderr


def test_deploy_check_reports_no_warnings_with_production_settings():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY="a-very-long-production-secret-" + "q7Zx" * 12,
        DJANGO_ALLOWED_HOSTS="vit.example.nl",
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy(client, kader):
    response = client.get(reverse("home"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "style-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp


def test_language_and_time_zone_are_dutch(settings):
    assert settings.LANGUAGE_CODE == "nl"
    assert settings.TIME_ZONE == "Europe/Amsterdam"


@pytest.mark.django_db
def test_only_the_admin_allows_inline_style_and_never_inline_script(client):
    from .factories import inhoudsbeheerder
    from .otp import tweede_factor

    tweede_factor(client, inhoudsbeheerder())
    beheer = client.get(reverse("admin:index"))["Content-Security-Policy"]
    assert "style-src 'self' 'unsafe-inline'" in beheer
    assert "script-src 'self';" in beheer + ";"
    assert "unsafe-inline" not in client.get(reverse("mijn-omgeving"))["Content-Security-Policy"]
