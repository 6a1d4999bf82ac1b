from rest_framework.routers import SimpleRouter

from verify.ingestion.api import FeedViewSet

router = SimpleRouter()
router.register("feeds", FeedViewSet, basename="api-feed")

urlpatterns = router.urls
