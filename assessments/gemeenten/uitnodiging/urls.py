"""The invitation link, under /uitnodiging/ (the kwarg is named ``token`` so logs mask it)."""

from django.urls import path

from . import views

app_name = "uitnodiging"

urlpatterns = [
    path("<str:token>/", views.openen, name="openen"),
]
