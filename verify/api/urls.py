from rest_framework.routers import SimpleRouter

from verify.api.views import ArticleViewSet, ClaimViewSet

router = SimpleRouter()
router.register("articles", ArticleViewSet, basename="api-article")
router.register("claims", ClaimViewSet, basename="api-claim")

urlpatterns = router.urls
