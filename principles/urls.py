from django.urls import path

from . import views

app_name = "principles"

urlpatterns = [
    path("", views.kader, name="kader"),
    path("handreikingen/", views.handreikingen, name="handreikingen"),
    path("<slug:sleutel>/", views.uitgangspunt, name="uitgangspunt"),
]
