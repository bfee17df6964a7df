from django.urls import path

from . import views

app_name = "principles"

urlpatterns = [
    path("", views.kader, name="kader"),
    path("handreikingen/", views.handreikingen, name="handreikingen"),
    path("begrippen/", views.begrippen, name="begrippen"),
    path("<slug:sleutel>/", views.uitgangspunt, name="uitgangspunt"),
]
