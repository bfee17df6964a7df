from django.urls import path

from . import views, views_vaststellen

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
    path(
        "<int:pk>/vaststellen/",
        views_vaststellen.vaststellen_overzicht,
        name="vaststellen-overzicht",
    ),
    path(
        "<int:pk>/vaststellen/<slug:sleutel>/",
        views_vaststellen.vaststellen,
        name="vaststellen",
    ),
    path("<int:pk>/afronden/", views.scan_afronden, name="afronden"),
    path("<int:pk>/toestemming/", views.toestemming, name="toestemming"),
]
