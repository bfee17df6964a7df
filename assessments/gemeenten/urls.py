"""The team pages, under /team/."""

from django.urls import path

from . import views

app_name = "team"

urlpatterns = [
    path("", views.kiezen, name="kiezen"),
    path("<str:code>/", views.overzicht, name="overzicht"),
    path("<str:code>/<int:pk>/rol/", views.rol, name="rol"),
    path("<str:code>/<int:pk>/verwijderen/", views.verwijderen, name="verwijderen"),
    path("<str:code>/uitnodigen/", views.collega_uitnodigen, name="uitnodigen"),
    path("<str:code>/uitnodigingen/<int:pk>/opnieuw/", views.opnieuw, name="opnieuw"),
    path("<str:code>/uitnodigingen/<int:pk>/intrekken/", views.intrekken, name="intrekken"),
]
