"""Article and claim endpoints: thin views over verify.services and the annotations services/selectors."""
from django.db.models import Count, Prefetch
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.filters import OrderingFilter
from rest_framework.response import Response

from annotations.api.serializers import ReviewResultSerializer, review_result
from annotations.models import Source
from verify.permissions import IsEditor, IsReviewer
from annotations.selectors import checked_order, claim_list_values, claims_for_display
from annotations.selectors.signoff import review_hidden_id
from annotations.services import claim_assign, claim_dismiss, claim_edit, claim_reopen
from annotations.api.claim_rows import CLAIM_LIST_COLUMNS, claim_list_rows
from verify.api.exceptions import BAD_REQUEST, CONFLICT
from annotations.api.filters import ArticleFilter, ClaimFilter
from annotations.api.keyset import KeysetPagination
from verify.api.pagination import StandardPagination
from annotations.api.claim_serializers import (
    ArticleCreatedSerializer,
    ArticleCreateSerializer,
    ArticleDetailSerializer,
    ArticleListSerializer,
    ArticleStatusSerializer,
    ArticleUpdateSerializer,
    ClaimAssignSerializer,
    ClaimDetailSerializer,
    ClaimDismissSerializer,
    ClaimEditSerializer,
    ClaimListSerializer,
    ClaimReopenSerializer,
)
from verify.models import Article, Claim
from verify.lifecycle import article_submit, article_update


@extend_schema_view(
    list=extend_schema(summary="List articles", description="Newest first; filter by status or publisher."),
    retrieve=extend_schema(summary="An article with its claims"),
)
class ArticleViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [IsReviewer]
    pagination_class = StandardPagination
    filter_backends = [DjangoFilterBackend, OrderingFilter]
    filterset_class = ArticleFilter
    ordering_fields = ["created_at", "published_at", "title"]
    ordering = ["-created_at", "-id"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_permissions(self):
        if self.action == "partial_update":
            return [IsEditor()]
        return super().get_permissions()

    def get_queryset(self):
        articles = Article.objects.select_related("submitted_by").annotate(claim_count=Count("claims"))
        if self.action == "retrieve":
            claims = claims_for_display(claims=Claim.objects.all()).order_by("sentence_index", "id")
            articles = articles.prefetch_related(Prefetch("claims", queryset=claims))
        return articles

    def get_serializer_class(self):
        return ArticleDetailSerializer if self.action == "retrieve" else ArticleListSerializer

    @extend_schema(
        summary="Submit an article",
        request=ArticleCreateSerializer,
        responses={201: ArticleCreatedSerializer, 200: ArticleCreatedSerializer, 400: BAD_REQUEST},
        description="Stores the article and queues claim extraction (poll `status`). The same text "
                    "submitted again returns the existing article with `duplicate: true` and HTTP 200.",
    )
    def create(self, request):
        incoming = ArticleCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        # No text, a URL: a worker fetches the page (SSRF-checked); poll `status`.
        kind = Article.SourceKind.URL if data["url"] and not data["text"].strip() else Article.SourceKind.TEXT
        result = article_submit(
            kind=kind, text=data["text"], url=data["url"], title=data["title"], publisher=data["publisher"],
            author=data["author"], published_at=data["published_at"], submitted_by=request.user,
        )
        article = self.get_queryset().get(pk=result.article.pk)
        article.created, article.duplicate, article.enqueued = result.created, not result.created, result.enqueued
        article.notice = result.notice
        return Response(ArticleCreatedSerializer(article).data,
                        status=status.HTTP_201_CREATED if result.created else status.HTTP_200_OK)

    @extend_schema(
        summary="Correct an article's details (editors)",
        request=ArticleUpdateSerializer,
        responses={200: ArticleListSerializer, 400: BAD_REQUEST},
        description="Title, publisher, author, publication date and original URL; keys left out keep their "
                    "value. The change is recorded in the audit trail; nothing is fetched or extracted again.",
    )
    def partial_update(self, request, pk=None):
        article = self.get_object()
        incoming = ArticleUpdateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        article_update(article_id=article.pk, user=request.user, **incoming.validated_data)
        return Response(ArticleListSerializer(self.get_queryset().get(pk=article.pk)).data)

    @extend_schema(summary="An article's processing status", responses=ArticleStatusSerializer)
    @action(detail=True, methods=["get"], url_path="status")
    def processing_status(self, request, pk=None):
        return Response(ArticleStatusSerializer(self.get_object()).data)


@extend_schema_view(
    list=extend_schema(summary="List claims",
                       description="Filter, search and sort the claims (the queue). Pages are keyset pages: "
                                   "follow `next` (its `cursor`) to walk the whole list; no total is counted."),
    retrieve=extend_schema(summary="A claim with its sources and version"),
)
class ClaimViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [IsReviewer]
    pagination_class = KeysetPagination
    filter_backends = [DjangoFilterBackend]
    filterset_class = ClaimFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        claims = claims_for_display(claims=Claim.objects.all()).prefetch_related(
                Prefetch("sources", queryset=Source.objects.select_related("added_by").order_by("created_at", "id")))
        return claims.order_by("-checkworthiness", "id")

    def get_serializer_class(self):
        return ClaimListSerializer if self.action == "list" else ClaimDetailSerializer

    def filter_queryset(self, queryset):
        # The queue's filters (and their default, the claims extraction kept) narrow the list only: a
        # claim is found by its id wherever it stands, set aside as opinion or not.
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    def list(self, request):
        # The queue's query, compiled once per filter shape and prepared (claim_list_values), reading the
        # columns of ClaimListSerializer, which defines and documents the rows (claim_rows.py); ClaimFilter
        # still validates and documents the parameters.
        filters = ClaimFilter.claim_filters_from(request)
        rows = self.paginator.paginate(
            request, order=checked_order(filters.order),
            fetch=lambda after, limit: claim_list_rows(claim_list_values(
                user=request.user, filters=filters, columns=CLAIM_LIST_COLUMNS, after=after, limit=limit)))
        return self.paginator.get_paginated_response(rows)

    def retrieve(self, request, pk=None):
        return self._claim_response(self.get_object())

    def _claim_response(self, claim: Claim) -> Response:
        data = ClaimDetailSerializer(self.get_queryset().get(pk=claim.pk)).data
        # The sources of a first independent review by someone else would tell its verdict.
        hidden = review_hidden_id(claim=claim, viewer=self.request.user)
        if hidden is not None:
            data["sources"] = [source for source in data["sources"] if source["review"] != hidden]
        return Response(data)

    @extend_schema(
        summary="Correct the claim text or claimant",
        request=ClaimEditSerializer,
        responses={200: ClaimDetailSerializer, 400: BAD_REQUEST, 409: CONFLICT},
        description="Send the `version` you read. The extracted original stays in extracted_text/extracted_claimant.",
    )
    def partial_update(self, request, pk=None):
        claim = self.get_object()
        incoming = ClaimEditSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        claim_edit(claim=claim, actor=request.user, expected_version=data["version"],
                   text=data.get("text"), claimant=data.get("claimant"), claimant_type=data.get("claimant_type"))
        return self._claim_response(claim)

    @extend_schema(summary="Assign the claim (editors; reviewers may take or release their own)",
                   request=ClaimAssignSerializer, responses={200: ClaimDetailSerializer, 400: BAD_REQUEST})
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        claim = self.get_object()
        incoming = ClaimAssignSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        claim_assign(claim=claim, assignee=incoming.validated_data["assignee"], actor=request.user)
        return self._claim_response(claim)

    @extend_schema(summary="Mark the claim not a claim", request=ClaimDismissSerializer,
                   responses={201: ReviewResultSerializer, 400: BAD_REQUEST, 409: CONFLICT})
    @action(detail=True, methods=["post"])
    def dismiss(self, request, pk=None):
        claim = self.get_object()
        incoming = ClaimDismissSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        review = claim_dismiss(claim=claim, actor=request.user, rationale=incoming.validated_data["rationale"],
                               expected_version=incoming.validated_data["version"])
        return Response(review_result(review=review, claim=claim), status=status.HTTP_201_CREATED)

    @extend_schema(summary="Reopen a judged claim (editors)", request=ClaimReopenSerializer,
                   responses={201: ReviewResultSerializer, 400: BAD_REQUEST})
    @action(detail=True, methods=["post"], permission_classes=[IsEditor])
    def reopen(self, request, pk=None):
        claim = self.get_object()
        incoming = ClaimReopenSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        review = claim_reopen(claim=claim, actor=request.user, rationale=incoming.validated_data["rationale"])
        return Response(review_result(review=review, claim=claim), status=status.HTTP_201_CREATED)
