from django.urls import path

from . import views as respondent

app_name = "vragenlijst"

urlpatterns = [
    path("<str:token>/", respondent.start, name="start"),
    path("<str:token>/overzicht/", respondent.overzicht, name="overzicht"),
    path("<str:token>/antwoord/", respondent.antwoord, name="antwoord"),
    path("<str:token>/<slug:sleutel>/", respondent.pagina, name="pagina"),
]
