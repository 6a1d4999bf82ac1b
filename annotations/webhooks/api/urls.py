from rest_framework.routers import SimpleRouter

from annotations.webhooks.api.views import WebhookEndpointViewSet

router = SimpleRouter()
router.register("webhooks", WebhookEndpointViewSet, basename="api-webhook")
urlpatterns = router.urls
