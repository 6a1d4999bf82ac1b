"""Query parameters of the list endpoints. Claim filtering itself lives in annotations.selectors
(claims_filter), shared with the queue page; this FilterSet only parses, validates and documents."""
import django_filters
from django import forms

from annotations.selectors import CLAIM_ORDERS, claims_filter
from verify.models import Article, ArticleStatus, Claim, Verdict


class IntegerFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class ClaimFilter(django_filters.FilterSet):
    article = IntegerFilter(label="Article ID")
    verdict = django_filters.ChoiceFilter(choices=Verdict.choices)
    publisher = django_filters.CharFilter(label="Publisher of the article (case-insensitive)")
    assigned_to_me = django_filters.BooleanFilter(label="Only claims assigned to the caller")
    score_min = django_filters.NumberFilter(label="Lowest check-worthiness (0–1)")
    score_max = django_filters.NumberFilter(label="Highest check-worthiness (0–1)")
    has_sources = django_filters.BooleanFilter(label="With (true) or without (false) sources")
    search = django_filters.CharFilter(label="Words in the claim text, claimant or sentence")
    ordering = django_filters.ChoiceFilter(choices=[(order, order) for order in CLAIM_ORDERS],
                                           label="Sort order (default -checkworthiness)")

    class Meta:
        model = Claim
        fields: list[str] = []

    def get_form_class(self):
        # The claim filters never depend on the request, so the form class is built once per process
        # (django-filter otherwise builds a new class with new fields on every list request).
        filterset = type(self)
        if "_form_class" not in filterset.__dict__:
            filterset._form_class = super().get_form_class()
        return filterset._form_class

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        return claims_filter(
            claims=queryset,
            user=self.request.user,
            verdict=data.get("verdict") or None,
            article_id=data.get("article"),
            publisher=data.get("publisher") or None,
            assigned_to_me=bool(data.get("assigned_to_me")),
            score_min=float(data["score_min"]) if data.get("score_min") is not None else None,
            score_max=float(data["score_max"]) if data.get("score_max") is not None else None,
            has_sources=data.get("has_sources"),
            search=data.get("search") or None,
            order=data.get("ordering") or None,
        )


class ArticleFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=ArticleStatus.choices)
    publisher = django_filters.CharFilter(lookup_expr="iexact")
    search = django_filters.CharFilter(method="filter_search", label="Words in the title")

    class Meta:
        model = Article
        fields: list[str] = []

    def filter_search(self, queryset, name, value):
        return queryset.filter(title__icontains=value) if value else queryset
