"""The desk's forms for the knowledge base: shape only, the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kontaktcenter.desk.forms import CategoryField, _category_choices, _load_category
from kontaktcenter.knowledge.choices import Audience
from kontaktcenter.knowledge.selectors import no_organisations


def keywords_of(text: str) -> list[str]:
    return [word.strip() for word in text.split(",") if word.strip()]


class KnowledgeSearchForm(forms.Form):
    q = forms.CharField(label=_("Search articles"), max_length=500, required=False)
    audience = forms.ChoiceField(
        label=_("Audience"),
        required=False,
        choices=[
            ("", _("All articles")),
            (Audience.INTERNAL, _("For agents")),
            (Audience.PUBLIC, _("For residents")),
        ],
    )


class ArticleTextForm(forms.Form):
    """The words of a version: a new article's first, or a revision."""

    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_(
            "Blank lines separate paragraphs. Simple HTML is kept (paragraphs, lists, "
            "links, bold); everything else is removed."
        ),
    )
    keywords = forms.CharField(
        label=_("Keywords"),
        required=False,
        help_text=_("Separated by commas: words residents use that the text does not."),
    )


class ArticleCreateForm(ArticleTextForm):
    # The queryset is the actor's own organisations, set in __init__.
    organisation: forms.ModelChoiceField = forms.ModelChoiceField(  # type: ignore[type-arg]
        label=_("Organisation"), queryset=no_organisations()
    )
    audience = forms.ChoiceField(
        label=_("Audience"), choices=Audience.choices, initial=Audience.BOTH
    )
    review_by = forms.DateField(
        label=_("Review by"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    eservice_path = forms.CharField(
        label=_("E-service form"),
        required=False,
        max_length=200,
        help_text=_("A path on this site where the matter continues, e.g. /e-tjanst/parkering/."),
    )

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = organisations


class DecisionForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the author"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SynonymForm(forms.Form):
    words = forms.CharField(
        label=_("Words that mean the same"),
        max_length=500,
        help_text=_("Separated by commas, e.g. sophämtning, avfallshämtning, soptömning."),
    )


class ArticleSettingsForm(forms.Form):
    """Who reads the article, when it is reviewed, and where the matter continues."""

    audience = forms.ChoiceField(label=_("Audience"), choices=Audience.choices)
    review_by = forms.DateField(
        label=_("Review by"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    categories = forms.TypedMultipleChoiceField(
        label=_("Categories"),
        required=False,
        coerce=_load_category,
        choices=_category_choices,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    case_category = CategoryField(label=_("Case type that continues the matter"), required=False)
    eservice_path = forms.CharField(
        label=_("E-service form"),
        required=False,
        max_length=200,
        help_text=_("A path on this site where the matter continues, e.g. /e-tjanst/parkering/."),
    )
    related = forms.CharField(
        label=_("Related articles"),
        required=False,
        help_text=_("The articles' numbers, separated by commas."),
    )
    archived = forms.BooleanField(label=_("Archived: no longer shown or found"), required=False)

    def clean_related(self) -> list[int]:
        numbers = []
        for part in self.cleaned_data["related"].split(","):
            number = part.strip().lstrip("#")
            if not number:
                continue
            if not number.isdigit():
                raise forms.ValidationError(_("Write the articles' numbers, e.g. 12, 40."))
            numbers.append(int(number))
        return numbers
