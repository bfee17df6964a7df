from django.urls import path

from . import views as vergelijken

app_name = "vergelijken"

urlpatterns = [
    path("", vergelijken.overzicht, name="overzicht"),
    path("scores/", vergelijken.uitgangspunten, name="uitgangspunten"),
    path("check-vragen/", vergelijken.checkvragen, name="checkvragen"),
    path("ontwikkeling/", vergelijken.ontwikkeling, name="ontwikkeling"),
    path("rondes/", vergelijken.rondes_lijst, name="rondes"),
    path("rondes/<int:periode>/publiceren/", vergelijken.ronde_publiceren, name="publiceren"),
]
