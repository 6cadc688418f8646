"""Knowledge-base endpoints: search and read articles, write them with optimistic versions, read
their history, publish, retire, restore, and promote a closed case."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from closeloop.cases import selectors as case_selectors
from closeloop.knowledge import permissions, selectors, services
from closeloop.knowledge import serializers as s
from closeloop.knowledge.models import Article, ArticleVersion


class _StaffOnly:
    """Staff members only; the customer portal's account and people without a role get 403."""

    def initial(self, request: Request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)
        permissions.check_may_read(request.user)


def _detail(request: Request, article: Article, http_status: int = status.HTTP_200_OK) -> Response:
    found = selectors.article_get(request.user, article.pk)
    return Response(s.ArticleDetailOutput(found, context={"request": request}).data, status=http_status)


LIST_FILTERS = [
    OpenApiParameter(
        "q", str, description="Words that must all appear in the title, text, legal basis or tags."
    ),
    OpenApiParameter("kind", str, enum=list(s.ArticleKind.values)),
    OpenApiParameter("category", str, description="A category code; its subcategories are included."),
    OpenApiParameter("status", str, enum=list(s.ArticleStatus.values)),
]


class ArticleListCreate(_StaffOnly, generics.ListAPIView):
    serializer_class = s.ArticleListOutput
    queryset = Article.objects.none()  # for the schema; the real one is scoped

    def get_queryset(self):
        params = self.request.query_params
        return selectors.article_list(
            self.request.user,
            q=params.get("q", ""),
            kind=params.get("kind", ""),
            category=params.get("category") or None,
            status=params.get("status", ""),
        )

    @extend_schema(
        summary="Knowledge articles you may read (editors: drafts and retired ones too)",
        parameters=LIST_FILTERS,
    )
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=s.ArticleCreateInput,
        responses={201: s.ArticleDetailOutput},
        summary="Write a new article (a draft, version 1)",
    )
    def post(self, request: Request) -> Response:
        data = s.ArticleCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        article = services.article_create(actor=request.user, **data.validated_data)
        return _detail(request, article, status.HTTP_201_CREATED)


class ArticleDetail(_StaffOnly, APIView):
    @extend_schema(responses=s.ArticleDetailOutput, summary="One knowledge article")
    def get(self, request: Request, article: int) -> Response:
        return Response(s.ArticleDetailOutput(selectors.article_get(request.user, article)).data)

    @extend_schema(
        request=s.ArticleEditInput,
        responses=s.ArticleDetailOutput,
        summary="Edit an article: the fields sent change and a new version is saved; 409 on a stale version",
    )
    def patch(self, request: Request, article: int) -> Response:
        found = selectors.article_get(request.user, article)
        data = s.ArticleEditInput(data=request.data)
        data.is_valid(raise_exception=True)
        changes = dict(data.validated_data)
        version = changes.pop("version")
        note = changes.pop("note", "")
        edited = services.article_edit(
            article=found, actor=request.user, version=version, changes=changes, note=note
        )
        return _detail(request, edited)


class ArticleVersionList(_StaffOnly, generics.ListAPIView):
    serializer_class = s.ArticleVersionOutput
    pagination_class = None
    queryset = ArticleVersion.objects.none()  # for the schema; the real one is scoped

    def get_queryset(self):
        return selectors.article_versions(selectors.article_get(self.request.user, self.kwargs["article"]))

    @extend_schema(summary="Every version of an article, newest first")
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)


class ArticleVersionDetail(_StaffOnly, APIView):
    @extend_schema(responses=s.ArticleVersionOutput, summary="One version of an article")
    def get(self, request: Request, article: int, number: int) -> Response:
        found = selectors.article_get(request.user, article)
        return Response(s.ArticleVersionOutput(selectors.article_version_get(found, number)).data)


class ArticleVersionRestore(_StaffOnly, APIView):
    @extend_schema(
        request=s.VersionInput,
        responses=s.ArticleDetailOutput,
        summary="Make an old version current again (saved as a new version)",
    )
    def post(self, request: Request, article: int, number: int) -> Response:
        found = selectors.article_get(request.user, article)
        data = s.VersionInput(data=request.data)
        data.is_valid(raise_exception=True)
        restored = services.article_restore(
            article=found,
            actor=request.user,
            version_number=number,
            version=data.validated_data.get("version"),
        )
        return _detail(request, restored)


class _StatusChange(_StaffOnly, APIView):
    service = staticmethod(services.article_publish)

    def post(self, request: Request, article: int) -> Response:
        found = selectors.article_get(request.user, article)
        data = s.VersionInput(data=request.data)
        data.is_valid(raise_exception=True)
        changed = self.service(article=found, actor=request.user, version=data.validated_data.get("version"))
        return _detail(request, changed)


class ArticlePublish(_StatusChange):
    @extend_schema(
        request=s.VersionInput,
        responses=s.ArticleDetailOutput,
        summary="Publish an article to every staff member",
    )
    def post(self, request: Request, article: int) -> Response:
        return super().post(request, article)


class ArticleRetire(_StatusChange):
    service = staticmethod(services.article_retire)

    @extend_schema(
        request=s.VersionInput, responses=s.ArticleDetailOutput, summary="Retire an article no longer valid"
    )
    def post(self, request: Request, article: int) -> Response:
        return super().post(request, article)


class CasePromote(_StaffOnly, APIView):
    @extend_schema(
        request=s.PromoteInput,
        responses={201: s.ArticleDetailOutput},
        summary="Promote a closed or archived case to a draft knowledge article",
    )
    def post(self, request: Request, number: str) -> Response:
        case = case_selectors.case_get(request.user, number)
        data = s.PromoteInput(data=request.data)
        data.is_valid(raise_exception=True)
        article = services.case_promote(case=case, actor=request.user, kind=data.validated_data["kind"])
        return _detail(request, article, status.HTTP_201_CREATED)
