"""The queue of requests for access, under /aanvragen/."""

from django.urls import path

from . import views

app_name = "aanvragen"

urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/goedkeuren/", views.goedkeuren, name="goedkeuren"),
    path("<int:pk>/afwijzen/", views.afwijzen, name="afwijzen"),
]
