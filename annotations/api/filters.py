"""Query parameters of the list endpoints. Claim filtering itself lives in annotations.selectors
(claims_filter, shared with the queue page and compiled for the API's list by claim_list_values); this
FilterSet only parses, validates and documents."""
from typing import Any

import django_filters
from django import forms
from drf_spectacular.utils import extend_schema_field
from rest_framework.exceptions import ErrorDetail, ValidationError

from annotations.selectors import CLAIM_ORDERS, ClaimFilters, claims_filter
from verify.id_fields import IdField
from verify.models import MAX_ID, Article, ArticleStatus, Claim, Verdict


EMPTY_VALUE = "Give a value, or leave the parameter out."


class _GivenMeansAValue:
    """A parameter present in the query string must hold a value of its type: `?status=` or
    `?has_sources=maybe` is a 400, not silently the unfiltered list (absent still means "any")."""

    def clean(self, value):
        if value == "":
            raise forms.ValidationError(EMPTY_VALUE, code="empty")
        return super().clean(value)


class StrictBooleanField(forms.NullBooleanField):
    widget = forms.TextInput  # the raw text: NullBooleanSelect reads anything unknown as "any"

    def to_python(self, value):
        if value in (None, ""):
            return None
        if value in ("true", "True", "1"):
            return True
        if value in ("false", "False", "0"):
            return False
        raise forms.ValidationError("Use true or false.", code="invalid")


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class IntegerFilter(django_filters.NumberFilter):
    field_class = type("StrictIntegerField", (_GivenMeansAValue, IdField), {})


class NumberFilter(django_filters.NumberFilter):
    field_class = type("StrictDecimalField", (_GivenMeansAValue, django_filters.NumberFilter.field_class), {})


class BooleanFilter(django_filters.BooleanFilter):
    field_class = type("StrictBooleanField", (_GivenMeansAValue, StrictBooleanField), {})


class ChoiceFilter(django_filters.ChoiceFilter):
    field_class = type("StrictChoiceField", (_GivenMeansAValue, django_filters.ChoiceFilter.field_class), {})


class ClaimFilter(django_filters.FilterSet):
    article = IntegerFilter(label="Article ID")
    verdict = ChoiceFilter(choices=Verdict.choices)
    publisher = django_filters.CharFilter(label="Publisher of the article (case-insensitive)")
    assigned_to_me = BooleanFilter(label="Only claims assigned to the caller")
    score_min = NumberFilter(label="Lowest check-worthiness (0–1)")
    score_max = NumberFilter(label="Highest check-worthiness (0–1)")
    has_sources = BooleanFilter(label="With (true) or without (false) sources")
    search = django_filters.CharFilter(label="Words in the claim text, claimant or sentence")
    set_aside = BooleanFilter(
        label="Sentences extraction set aside as opinion or speculation (true) instead of the queue (default)")
    ordering = ChoiceFilter(choices=[(order, order) for order in CLAIM_ORDERS],
                                           label="Sort order (default -checkworthiness)")

    class Meta:
        model = Claim
        fields: list[str] = []

    def get_form_class(self):
        return type(self).shared_form_class()

    @classmethod
    def shared_form_class(cls) -> type[forms.Form]:
        # The claim filters never depend on the request, so the form class is built once per process
        # (django-filter otherwise builds a new class with new fields on every request).
        if "_form_class" not in cls.__dict__:
            cls._form_class = django_filters.FilterSet.get_form_class(cls(queryset=Claim.objects.none()))
        return cls._form_class

    def filter_queryset(self, queryset):
        return claims_filter(claims=queryset, user=self.request.user, filters=_claim_filters(self.form.cleaned_data))

    @classmethod
    def claim_filters_from(cls, request) -> ClaimFilters:
        """The request's query parameters as ClaimFilters; a 400 naming the bad ones otherwise (the
        same errors the filter backend gives)."""
        # The form's fields clean the values themselves: a form instance would deep-copy all nine fields
        # first, which was a tenth of a list request.
        cleaned, errors = {}, {}
        for name, field in cls.shared_form_class().base_fields.items():
            try:
                cleaned[name] = field.clean(field.widget.value_from_datadict(request.query_params, None, name))
            except forms.ValidationError as error:
                errors[name] = [ErrorDetail(e.message % (e.params or ()), code=e.code) for e in error.error_list]
        if errors:
            raise ValidationError(errors)
        return _claim_filters(cleaned)


def _claim_filters(data: dict[str, Any]) -> ClaimFilters:
    return ClaimFilters(
        verdict=data.get("verdict") or None,
        article_id=data.get("article"),
        publisher=data.get("publisher") or None,
        assigned_to_me=bool(data.get("assigned_to_me")),
        score_min=float(data["score_min"]) if data.get("score_min") is not None else None,
        score_max=float(data["score_max"]) if data.get("score_max") is not None else None,
        has_sources=data.get("has_sources"),
        search=data.get("search") or None,
        set_aside=bool(data.get("set_aside")),
        order=data.get("ordering") or None,
    )


class ArticleFilter(django_filters.FilterSet):
    status = ChoiceFilter(choices=ArticleStatus.choices)
    publisher = django_filters.CharFilter(lookup_expr="iexact")
    search = django_filters.CharFilter(method="filter_search", label="Words in the title")

    class Meta:
        model = Article
        fields: list[str] = []

    def filter_search(self, queryset, name, value):
        return queryset.filter(title__icontains=value) if value else queryset
