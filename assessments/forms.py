from django import forms
from django.utils import timezone

from .models import Actie, Perspectief, Scan


class NieuweScanFormulier(forms.Form):
    gemeente = forms.ModelChoiceField(queryset=None, label="Gemeente", empty_label=None)
    titel = forms.CharField(
        label="Titel", max_length=200, help_text="Bijvoorbeeld: Verkenning toegang 2026."
    )
    periode = forms.IntegerField(
        label="Periode (jaar)",
        min_value=2015,
        max_value=2100,
        help_text=(
            "Het jaar waarover de scan gaat. Vergelijkingen gebruiken per gemeente "
            "één scan per jaar."
        ),
    )
    vorige_scan = forms.ModelChoiceField(
        queryset=Scan.objects.none(),
        required=False,
        label="Beginnen vanuit een eerdere scan",
        empty_label="Nee, een nieuwe scan zonder ambities",
        help_text="Neemt de ambities per uitgangspunt over; de antwoorden niet.",
    )

    def __init__(self, *args, gemeenten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = gemeenten
        self.fields["vorige_scan"].queryset = Scan.objects.filter(
            gemeente__in=gemeenten
        ).select_related("gemeente")
        self.fields["vorige_scan"].label_from_instance = lambda s: (
            f"{s.titel} ({s.gemeente.naam}, {s.periode})"
        )
        self.initial.setdefault("periode", timezone.localdate().year)
        self.initial.setdefault("titel", f"Verkenning toegang {timezone.localdate().year}")

    def clean(self):
        data = super().clean()
        vorige, gemeente = data.get("vorige_scan"), data.get("gemeente")
        if vorige and gemeente and vorige.gemeente_id != gemeente.pk:
            self.add_error("vorige_scan", "Kies een eerdere scan van dezelfde gemeente.")
        return data


class UitnodigingFormulier(forms.Form):
    perspectief = forms.ModelChoiceField(
        queryset=Perspectief.objects.all(),
        widget=forms.RadioSelect,
        empty_label=None,
        label="Perspectief",
        help_text="Vanuit welke rol kijkt deze persoon naar de toegang?",
    )
    naam = forms.CharField(
        label="Naam",
        max_length=150,
        required=False,
        help_text=(
            "Voor uw overzicht, in de uitnodiging en als begroeting in de vragenlijst. Bij de "
            "antwoorden, in de spiegel en in het rapport staan geen namen, wel het perspectief."
        ),
    )
    email = forms.EmailField(
        label="E-mailadres",
        required=False,
        help_text="Als u een adres invult, sturen we de uitnodiging met de link per e-mail.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["perspectief"].label_from_instance = lambda p: (
            f"{p.naam} ({p.omschrijving})" if p.omschrijving else p.naam
        )


class ZelfInvullenFormulier(forms.Form):
    perspectief = forms.ModelChoiceField(
        queryset=Perspectief.objects.all(),
        widget=forms.RadioSelect,
        empty_label=None,
        label="Vanuit welk perspectief vult u zelf in?",
    )


class PlanFormulier(forms.Form):
    focus = forms.ModelMultipleChoiceField(
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        label="Focuspunten",
        help_text="Kies twee of drie uitgangspunten waar u de komende tijd aan werkt.",
    )
    voorstel_aan_college = forms.CharField(
        label="Voorstel aan het college",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Wat vraagt u het college te besluiten? Maximaal 5000 tekens.",
    )
    versie = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, uitgangspunten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["focus"].queryset = uitgangspunten
        self.fields["focus"].label_from_instance = lambda up: f"{up.volgorde}. {up.korte_titel}"

    def clean_focus(self):
        focus = self.cleaned_data["focus"]
        if not 2 <= len(focus) <= 3:
            raise forms.ValidationError(
                f"Kies twee of drie focuspunten; u koos er {len(focus)}. "
                "Met weinig focuspunten komt er meer van de grond."
            )
        return focus


class ActieFormulier(forms.ModelForm):
    versie = forms.IntegerField(widget=forms.HiddenInput, initial=0)

    class Meta:
        model = Actie
        fields = [
            "uitgangspunt",
            "omschrijving",
            "eigenaar",
            "planning",
            "succescriterium",
            "handreiking",
            "status",
        ]
        widgets = {
            "omschrijving": forms.Textarea(attrs={"rows": 3}),
            "succescriterium": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, scan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["uitgangspunt"].queryset = scan.kaderversie.uitgangspunten.order_by("volgorde")
        self.fields["uitgangspunt"].label_from_instance = lambda up: (
            f"{up.volgorde}. {up.korte_titel}"
        )
        self.fields["uitgangspunt"].empty_label = None
        self.fields["handreiking"].queryset = scan.kaderversie.handreikingen.order_by("titel")
        self.fields["handreiking"].label = "Handreiking die helpt"
        self.fields["handreiking"].empty_label = "Geen"
        if self.instance.pk:
            self.fields["versie"].initial = self.instance.versie
