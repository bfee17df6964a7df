"""The "nlds" crispy-forms template pack renders accessible NL Design System form markup.

Each test renders a small form through ``|crispy`` (or ``{% crispy %}``) and checks what a
screen reader or keyboard user depends on: labels tied to inputs, help and error texts named
by ``aria-describedby``, invalid inputs announced as invalid, radio groups as a fieldset with
a legend, and an error summary whose links lead to the fields.
"""

from html.parser import HTMLParser

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout, Submit
from django import forms
from django.template import Context, Template

KEUZES = [("ja", "Ja"), ("nee", "Nee"), ("weet_niet", "Weet niet")]


class Element:
    def __init__(self, tag, attrs, parent):
        self.tag = tag
        self.attrs = {name: (value if value is not None else "") for name, value in attrs}
        self.parent = parent
        self.children = []
        self.text_parts = []

    @property
    def classes(self):
        return self.attrs.get("class", "").split()

    def text(self):
        parts = list(self.text_parts)
        for child in self.children:
            parts.append(child.text())
        return " ".join(" ".join(parts).split())

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def iter(self):
        for child in self.children:
            yield child
            yield from child.iter()


class Dom(HTMLParser):
    """A tiny DOM, enough to look elements up by id, tag and class."""

    VOID = {"input", "br", "img", "meta", "link", "hr"}

    def __init__(self, html):
        super().__init__()
        self.root = Element("root", [], None)
        self.current = self.root
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs, self.current)
        self.current.children.append(element)
        if tag not in self.VOID:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Element(tag, attrs, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.current = node.parent

    def handle_data(self, data):
        self.current.text_parts.append(data)

    def all(self, tag=None, cls=None):
        return [
            element
            for element in self.root.iter()
            if (tag is None or element.tag == tag) and (cls is None or cls in element.classes)
        ]

    def by_id(self, element_id):
        found = [element for element in self.root.iter() if element.attrs.get("id") == element_id]
        assert len(found) == 1, f"expected exactly one element with id {element_id!r}"
        return found[0]

    def ids(self):
        return [element.attrs["id"] for element in self.root.iter() if "id" in element.attrs]

    def label_for(self, element_id):
        labels = [label for label in self.all("label") if label.attrs.get("for") == element_id]
        assert len(labels) == 1, f"expected one <label for={element_id!r}>"
        return labels[0]


def render_crispy(form):
    return Template("{% load crispy_forms_tags %}{{ form|crispy }}").render(Context({"form": form}))


def described_by(element):
    return element.attrs.get("aria-describedby", "").split()


class NaamForm(forms.Form):
    naam = forms.CharField(label="Naam van de gemeente", help_text="Zoals in het CBS-register.")
    toelichting = forms.CharField(label="Toelichting", widget=forms.Textarea, required=False)
    rol = forms.ChoiceField(label="Rol", choices=[("", "Kies een rol"), ("beleid", "Beleid")])
    akkoord = forms.BooleanField(label="Ik ga akkoord met de voorwaarden")


class VraagForm(forms.Form):
    antwoord = forms.ChoiceField(
        label="Is de toegang bekend bij inwoners?",
        choices=KEUZES,
        widget=forms.RadioSelect,
        help_text="Kies het antwoord dat het meest past.",
    )
    kanalen = forms.MultipleChoiceField(
        label="Via welke kanalen?",
        choices=[("loket", "Loket"), ("telefoon", "Telefoon"), ("website", "Website")],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class PeriodeForm(forms.Form):
    begin = forms.IntegerField(label="Beginjaar")
    eind = forms.IntegerField(label="Eindjaar")

    def clean(self):
        data = super().clean()
        if data.get("begin") and data.get("eind") and data["eind"] < data["begin"]:
            raise forms.ValidationError("Het eindjaar ligt voor het beginjaar.")
        return data


def test_every_visible_input_has_a_label_pointing_at_it():
    dom = Dom(render_crispy(NaamForm()))

    for field_id, label_text in [
        ("id_naam", "Naam van de gemeente"),
        ("id_toelichting", "Toelichting"),
        ("id_rol", "Rol"),
        ("id_akkoord", "Ik ga akkoord met de voorwaarden"),
    ]:
        dom.by_id(field_id)
        label = dom.label_for(field_id)
        assert label_text in label.text()
        assert "utrecht-form-label" in label.classes


def test_optional_fields_say_so_in_their_label_and_required_fields_are_marked_required():
    dom = Dom(render_crispy(NaamForm()))

    assert "(niet verplicht)" in dom.label_for("id_toelichting").text()
    assert "(niet verplicht)" not in dom.label_for("id_naam").text()
    assert "required" in dom.by_id("id_naam").attrs
    assert "required" not in dom.by_id("id_toelichting").attrs


def test_widgets_get_the_nl_design_system_classes():
    dom = Dom(render_crispy(NaamForm()))

    assert {"utrecht-textbox", "utrecht-textbox--html-input"} <= set(dom.by_id("id_naam").classes)
    assert "utrecht-textarea" in dom.by_id("id_toelichting").classes
    assert "utrecht-select" in dom.by_id("id_rol").classes
    assert "utrecht-checkbox" in dom.by_id("id_akkoord").classes
    for wrapper in ("div_id_naam", "div_id_toelichting", "div_id_rol", "div_id_akkoord"):
        assert "utrecht-form-field" in dom.by_id(wrapper).classes


def test_help_text_is_read_out_with_the_input():
    dom = Dom(render_crispy(NaamForm()))

    naam = dom.by_id("id_naam")
    assert described_by(naam) == ["id_naam_hulp"]
    assert dom.by_id("id_naam_hulp").text() == "Zoals in het CBS-register."
    assert "aria-invalid" not in naam.attrs
    # No help text and no error: nothing to point at.
    assert "aria-describedby" not in dom.by_id("id_toelichting").attrs


def test_an_invalid_input_is_announced_as_invalid_with_its_dutch_error():
    form = NaamForm(data={"naam": "", "rol": "", "toelichting": ""})
    dom = Dom(render_crispy(form))

    naam = dom.by_id("id_naam")
    assert naam.attrs.get("aria-invalid") == "true"
    assert described_by(naam) == ["id_naam_hulp", "id_naam_fout"]
    assert "utrecht-textbox--invalid" in naam.classes
    assert "Dit veld is verplicht." in dom.by_id("id_naam_fout").text()
    assert "utrecht-form-field--invalid" in dom.by_id("div_id_naam").classes

    rol = dom.by_id("id_rol")
    assert rol.attrs.get("aria-invalid") == "true"
    assert described_by(rol) == ["id_rol_fout"]
    assert "utrecht-select--invalid" in rol.classes

    akkoord = dom.by_id("id_akkoord")
    assert akkoord.attrs.get("aria-invalid") == "true"
    assert described_by(akkoord) == ["id_akkoord_fout"]

    # The optional, valid field is not marked.
    toelichting = dom.by_id("id_toelichting")
    assert "aria-invalid" not in toelichting.attrs
    assert "utrecht-form-field--invalid" not in dom.by_id("div_id_toelichting").classes


def test_every_aria_describedby_points_at_an_element_on_the_page():
    for form in (NaamForm(), NaamForm(data={}), VraagForm(), VraagForm(data={})):
        dom = Dom(render_crispy(form))
        ids = dom.ids()
        assert len(ids) == len(set(ids)), "ids on the page must be unique"
        for element in dom.root.iter():
            for target in described_by(element):
                assert target in ids, f"aria-describedby names missing id {target!r}"


def test_radio_buttons_are_a_fieldset_with_the_question_as_legend():
    dom = Dom(render_crispy(VraagForm()))

    fieldset = dom.by_id("id_antwoord")
    assert fieldset.tag == "fieldset"
    assert "utrecht-form-fieldset" in fieldset.classes
    legend = next(child for child in fieldset.children if child.tag == "legend")
    assert "Is de toegang bekend bij inwoners?" in legend.text()
    assert described_by(fieldset) == ["id_antwoord_hulp"]
    # The group itself is not a label target: every option has its own label.
    assert not [label for label in dom.all("label") if label.attrs.get("for") == "id_antwoord"]

    radios = [el for el in dom.all("input") if el.attrs.get("name") == "antwoord"]
    assert [radio.attrs["type"] for radio in radios] == ["radio"] * 3
    for radio, (_, option_label) in zip(radios, KEUZES, strict=True):
        assert "utrecht-radio-button" in radio.classes
        assert fieldset in radio.ancestors()
        assert dom.label_for(radio.attrs["id"]).text() == option_label


def test_checkbox_group_is_a_fieldset_and_optional():
    dom = Dom(render_crispy(VraagForm()))

    fieldset = dom.by_id("id_kanalen")
    assert fieldset.tag == "fieldset"
    legend = next(child for child in fieldset.children if child.tag == "legend")
    assert "Via welke kanalen?" in legend.text()
    assert "(niet verplicht)" in legend.text()
    boxes = [el for el in dom.all("input") if el.attrs.get("name") == "kanalen"]
    assert len(boxes) == 3
    for box in boxes:
        assert box.attrs["type"] == "checkbox"
        assert "utrecht-checkbox" in box.classes
        assert dom.label_for(box.attrs["id"]).text() in {"Loket", "Telefoon", "Website"}


def test_an_unanswered_radio_question_names_its_error_on_the_fieldset():
    dom = Dom(render_crispy(VraagForm(data={})))

    fieldset = dom.by_id("id_antwoord")
    assert described_by(fieldset) == ["id_antwoord_hulp", "id_antwoord_fout"]
    assert "Dit veld is verplicht." in dom.by_id("id_antwoord_fout").text()
    assert "utrecht-form-field--invalid" in dom.by_id("div_id_antwoord").classes
    for radio in (el for el in dom.all("input") if el.attrs.get("name") == "antwoord"):
        assert radio.attrs.get("aria-invalid") == "true"


def test_a_chosen_option_stays_checked_after_an_error_elsewhere():
    dom = Dom(render_crispy(VraagForm(data={"kanalen": ["telefoon"]})))

    checked = [el.attrs["value"] for el in dom.all("input") if "checked" in el.attrs]
    assert checked == ["telefoon"]


def test_form_wide_errors_are_an_alert_at_the_top():
    form = PeriodeForm(data={"begin": "2025", "eind": "2020"})
    dom = Dom(render_crispy(form))

    alerts = [el for el in dom.all() if el.attrs.get("role") == "alert"]
    assert len(alerts) == 1
    assert "Het eindjaar ligt voor het beginjaar." in alerts[0].text()
    first_field = dom.by_id("div_id_begin")
    order = list(dom.root.iter())
    assert order.index(alerts[0]) < order.index(first_field)


def test_no_alert_when_the_form_is_fine():
    html = render_crispy(PeriodeForm(data={"begin": "2020", "eind": "2025"}))

    assert 'role="alert"' not in html


def render_summary(form):
    template = Template('{% include "includes/error_summary.html" %}')
    return template.render(Context({"form": form}))


def test_error_summary_links_to_each_invalid_field():
    form = NaamForm(data={"naam": "", "rol": "beleid"})
    form.is_valid()
    dom = Dom(render_summary(form) + render_crispy(form))

    summary = dom.all(cls="vit-error-summary")[0]
    assert "Er ging iets mis. Controleer de volgende velden:" in summary.text()
    assert any(el.attrs.get("role") == "alert" for el in summary.iter())
    links = {a.attrs["href"]: a.text() for a in summary.iter() if a.tag == "a"}
    assert links == {
        "#id_naam": "Naam van de gemeente: Dit veld is verplicht.",
        "#id_akkoord": "Ik ga akkoord met de voorwaarden: Dit veld is verplicht.",
    }
    for href in links:
        assert dom.by_id(href[1:]).tag == "input"


def test_error_summary_links_to_the_fieldset_of_a_radio_question():
    form = VraagForm(data={})
    dom = Dom(render_summary(form) + render_crispy(form))

    hrefs = [a.attrs["href"] for a in dom.all("a")]
    assert hrefs == ["#id_antwoord"]
    assert dom.by_id("id_antwoord").tag == "fieldset"


def test_error_summary_is_absent_without_field_errors():
    assert render_summary(NaamForm()).strip() == ""
    assert render_summary(PeriodeForm(data={"begin": "2025", "eind": "2020"})).strip() == ""


def test_crispy_tag_renders_a_form_without_browser_validation_and_with_a_button(rf):
    class ZoekForm(forms.Form):
        zoekterm = forms.CharField(label="Zoekterm")

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.helper = FormHelper()
            self.helper.layout = Layout(Fieldset("Zoeken in het kader", "zoekterm"))
            self.helper.add_input(Submit("zoeken", "Zoeken"))

    request = rf.get("/")
    html = Template("{% load crispy_forms_tags %}{% crispy form %}").render(
        Context({"form": ZoekForm(), "request": request})
    )
    dom = Dom(html)

    form_element = dom.all("form")[0]
    assert "novalidate" in form_element.attrs
    assert dom.all("input", cls="utrecht-button")[0].attrs["value"] == "Zoeken"
    legend = dom.all("legend")[0]
    assert legend.text() == "Zoeken in het kader"
    assert dom.by_id("id_zoekterm") in [
        el for el in dom.all("fieldset")[0].iter() if el.tag == "input"
    ]
    assert "Zoekterm" in dom.label_for("id_zoekterm").text()
