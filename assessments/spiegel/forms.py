"""Forms of the ontwikkelplan: focus, voorstel aan het college, actions."""

from django import forms

from assessments.models import Actie

from .plan import ACTIEVELDEN


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
        self.fields["focus"].label_from_instance = lambda up: up.naam

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
        fields = list(ACTIEVELDEN)
        widgets = {
            "omschrijving": forms.Textarea(attrs={"rows": 3}),
            "succescriterium": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, scan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["uitgangspunt"].queryset = scan.kaderversie.uitgangspunten.order_by("volgorde")
        self.fields["uitgangspunt"].label_from_instance = lambda up: up.naam
        self.fields["uitgangspunt"].empty_label = None
        self.fields["handreiking"].queryset = scan.kaderversie.handreikingen.order_by("titel")
        self.fields["handreiking"].label = "Handreiking die helpt"
        self.fields["handreiking"].empty_label = "Geen"
        if self.instance.pk:
            self.fields["versie"].initial = self.instance.versie
