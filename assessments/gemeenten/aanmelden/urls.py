"""The public pages to ask access, under /aanmelden/."""

from django.urls import path

from . import views

app_name = "aanmelden"

urlpatterns = [
    path("", views.formulier, name="formulier"),
    path("verstuurd/", views.verstuurd, name="verstuurd"),
    path("bevestigen/<str:token>/", views.bevestigen, name="bevestigen"),
    path("bevestigd/", views.bevestigd, name="bevestigd"),
]
