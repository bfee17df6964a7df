from django.urls import path

from . import views

urlpatterns = [
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
]
