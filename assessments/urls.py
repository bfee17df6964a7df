from django.urls import path

from .views import coordinator as views

app_name = "scans"

urlpatterns = [
    path("", views.scans, name="lijst"),
    path("nieuw/", views.scan_nieuw, name="nieuw"),
    path("<int:pk>/", views.scan_detail, name="detail"),
    path("<int:pk>/uitnodigen/", views.uitnodigen, name="uitnodigen"),
    path("<int:pk>/zelf-invullen/", views.zelf_invullen, name="zelf-invullen"),
    path(
        "<int:pk>/uitnodigingen/<int:respondent_pk>/<slug:actie>/",
        views.respondent_actie,
        name="respondent-actie",
    ),
    path("<int:pk>/vaststellen/", views.vaststellen_overzicht, name="vaststellen-overzicht"),
    path("<int:pk>/vaststellen/<slug:sleutel>/", views.vaststellen, name="vaststellen"),
    path("<int:pk>/afronden/", views.scan_afronden, name="afronden"),
    path("<int:pk>/spiegel/", views.spiegel, name="spiegel"),
    path("<int:pk>/plan/", views.plan, name="plan"),
    path("<int:pk>/plan/acties/nieuw/", views.actie, name="actie-nieuw"),
    path("<int:pk>/plan/acties/<int:actie_pk>/", views.actie, name="actie"),
    path(
        "<int:pk>/plan/acties/<int:actie_pk>/verwijderen/",
        views.actie_verwijderen,
        name="actie-verwijderen",
    ),
    path("<int:pk>/rapport.pdf", views.rapport_pdf, name="rapport-pdf"),
    path("<int:pk>/export.csv", views.export_csv, name="export-csv"),
    path("<int:pk>/export.json", views.export_json, name="export-json"),
    path("<int:pk>/toestemming/", views.toestemming, name="toestemming"),
]
