from django.urls import path

from .views import vergelijken

app_name = "vergelijken"

urlpatterns = [
    path("", vergelijken.uitgangspunten, name="uitgangspunten"),
]
