from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import gezondheid, tweestaps, views
from .forms import WachtwoordResetFormulier, WachtwoordZettenFormulier

admin.site.site_header = "VIT beheer"
admin.site.site_title = "VIT beheer"
admin.site.index_title = "Inhoud en gebruikers beheren"

urlpatterns = [
    path("", views.home, name="home"),
    path("health/", gezondheid.leeft, name="health"),
    path("health/klaar/", gezondheid.klaar, name="health-klaar"),
    path("toegankelijkheid/", views.toegankelijkheid, name="toegankelijkheid"),
    path("privacy/", views.privacy, name="privacy"),
    path("mijn-omgeving/", views.mijn_omgeving, name="mijn-omgeving"),
    path("kader/", include("principles.urls")),
    path("vragenlijst/", include("assessments.vragenlijst.urls")),
    path("scans/", include("assessments.urls")),
    path("vergelijken/", include("assessments.vergelijken.urls")),
    path("team/", include("assessments.gemeenten.urls")),
    path("aanmelden/", include("assessments.gemeenten.aanmelden.urls")),
    path("aanvragen/", include("assessments.gemeenten.aanmelden.beoordelen.urls")),
    path("uitnodiging/", include("assessments.gemeenten.uitnodiging.urls")),
    path(
        "inloggen/",
        tweestaps.InlogView.as_view(),
        name="login",
    ),
    path("inloggen/tweede-stap/", tweestaps.controleren, name="tweestaps-controleren"),
    path("account/tweestapsverificatie/", tweestaps.overzicht, name="tweestaps"),
    path(
        "account/tweestapsverificatie/instellen/",
        tweestaps.instellen,
        name="tweestaps-instellen",
    ),
    path(
        "account/tweestapsverificatie/reservecodes/",
        tweestaps.reservecodes,
        name="tweestaps-reservecodes",
    ),
    path(
        "account/tweestapsverificatie/uitzetten/",
        tweestaps.uitzetten,
        name="tweestaps-uitzetten",
    ),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "wachtwoord-vergeten/",
        auth_views.PasswordResetView.as_view(form_class=WachtwoordResetFormulier),
        name="password_reset",
    ),
    path(
        "wachtwoord-vergeten/verstuurd/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "wachtwoord-herstellen/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(form_class=WachtwoordZettenFormulier),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord-herstellen/klaar/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("beheer/", admin.site.urls),
]

handler404 = "vit.views.niet_gevonden"
handler403 = "vit.views.geen_toegang"
handler500 = "vit.views.serverfout"
