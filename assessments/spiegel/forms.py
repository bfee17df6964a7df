"""Forms of the ontwikkelplan: focus (step 1), voorstel aan het college, actions (step 2)."""

from django import forms
from django.db.models import Q

from assessments.models import Actie

from .plan import ACTIEVELDEN


class FocusFormulier(forms.Form):
    focus = forms.ModelMultipleChoiceField(
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        label="Focuspunten",
        help_text="Kies twee of drie uitgangspunten waar u de komende tijd aan werkt.",
    )
    versie = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, uitgangspunten, ontwikkelpunten=(), **kwargs):
        super().__init__(*args, **kwargs)
        voorgesteld = {up.pk for up in ontwikkelpunten}
        self.fields["focus"].queryset = uitgangspunten
        self.fields["focus"].label_from_instance = lambda up: (
            f"{up.naam} (ontwikkelpunt volgens de spiegel)" if up.pk in voorgesteld else up.naam
        )

    def clean_focus(self):
        focus = self.cleaned_data["focus"]
        if not 2 <= len(focus) <= 3:
            raise forms.ValidationError(
                f"Kies twee of drie focuspunten; u koos er {len(focus)}. "
                "Met weinig focuspunten komt er meer van de grond."
            )
        return focus


class VoorstelFormulier(forms.Form):
    voorstel_aan_college = forms.CharField(
        label="Voorstel aan het college",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Wat vraagt u het college te besluiten? Maximaal 5000 tekens.",
    )
    versie = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, uitgangspunten=None, ontwikkelpunten=(), **kwargs):
        super().__init__(*args, **kwargs)


class PlanFormulier(FocusFormulier, VoorstelFormulier):
    """Focus and voorstel in one submission (a form sent without ``onderdeel``)."""


class ActieFormulier(forms.ModelForm):
    """An action on one focuspunt. The uitgangspunt is one of the focus (or the action's own,
    when that is no longer a focus); the handreiking is one linked to the chosen uitgangspunt,
    listed first, then those of the other focuspunten (it works without JavaScript)."""

    versie = forms.IntegerField(widget=forms.HiddenInput, initial=0)

    class Meta:
        model = Actie
        fields = list(ACTIEVELDEN)
        labels = {"uitgangspunt": "Bij welk focuspunt hoort de actie?"}
        widgets = {
            "uitgangspunt": forms.RadioSelect,
            "omschrijving": forms.Textarea(attrs={"rows": 3}),
            "succescriterium": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, scan, focus, **kwargs):
        super().__init__(*args, **kwargs)
        focus_pks = [up.pk for up in focus]
        eigen = self.instance.uitgangspunt_id if self.instance.pk else None
        ups = scan.kaderversie.uitgangspunten.filter(pk__in=[*focus_pks, eigen]).order_by(
            "volgorde"
        )
        veld = self.fields["uitgangspunt"]
        veld.queryset = ups
        veld.empty_label = None
        veld.label_from_instance = lambda up: (
            up.naam if up.pk in focus_pks else f"{up.naam} (geen focuspunt meer)"
        )
        gekozen = self._gekozen_uitgangspunt(ups)
        if gekozen is not None and not self.is_bound:
            self.initial["uitgangspunt"] = gekozen.pk
        hr_veld = self.fields["handreiking"]
        hr_veld.label = "Handreiking die helpt"
        hr_veld.help_text = (
            "Kies een handreiking die bij het gekozen focuspunt hoort. De lijst begint met de "
            "handreikingen van het focuspunt waar u de actie toevoegt."
        )
        eigen_hr = self.instance.handreiking_id if self.instance.pk else None
        lijst = list(
            scan.kaderversie.handreikingen.filter(Q(uitgangspunten__in=ups) | Q(pk=eigen_hr))
            .prefetch_related("uitgangspunten")
            .distinct()
            .order_by("titel")
        )
        hr_veld.queryset = scan.kaderversie.handreikingen.filter(pk__in=[h.pk for h in lijst])
        self._koppelingen = {h.pk: {u.pk for u in h.uitgangspunten.all()} for h in lijst}
        hr_veld.widget.choices = self._groepen(lijst, gekozen)
        if self.instance.pk:
            self.fields["versie"].initial = self.instance.versie

    def _gekozen_uitgangspunt(self, ups):
        """The uitgangspunt the form is about: the posted one, the action's, or ?uitgangspunt."""
        ruw = self.data.get("uitgangspunt") if self.is_bound else self.initial.get("uitgangspunt")
        if ruw is None and self.instance.pk:
            ruw = self.instance.uitgangspunt_id
        for up in ups:
            if str(up.pk) == str(ruw):
                return up
        return None

    def _groepen(self, lijst, gekozen):
        """Choices of the select: "Geen", those of the chosen uitgangspunt, then the rest."""
        if gekozen is None:
            return [("", "Geen"), *[(h.pk, h.titel) for h in lijst]]
        bij = [(h.pk, h.titel) for h in lijst if gekozen.pk in self._koppelingen[h.pk]]
        rest = [(h.pk, h.titel) for h in lijst if gekozen.pk not in self._koppelingen[h.pk]]
        groepen = [("", "Geen")]
        if bij:
            groepen.append((f"Bij {gekozen.naam}", bij))
        if rest:
            groepen.append(("Bij de andere focuspunten", rest))
        return groepen

    def clean(self):
        data = super().clean()
        up, hr = data.get("uitgangspunt"), data.get("handreiking")
        blijft = self.instance.pk and hr is not None and hr.pk == self.instance.handreiking_id
        if (
            up is not None
            and hr is not None
            and not blijft
            and up.pk not in self._koppelingen.get(hr.pk, set())
        ):
            self.add_error(
                "handreiking",
                f"Deze handreiking hoort niet bij {up.naam}. Kies een handreiking uit de groep "
                f"'Bij {up.naam}', of kies 'Geen'.",
            )
        return data
