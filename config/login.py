"""Login entry points with throttling and lockout: the login form, the admin console's login and the
API token endpoint (with the token logout endpoints).

All three ask annotations.services.login_guard before checking a password and report failures to
it, with the client address read by config.client_address; the token endpoint is also rate-limited
per address by DRF (scope "login"). Each token login issues a new expiring token
(annotations.apitokens).
"""
import logging
from collections.abc import Mapping

from django.contrib import admin, messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import LoginView
from django.http import HttpResponseRedirect
from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.exceptions import Throttled, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from annotations.apitokens.services import api_token_issue
from annotations.services.login_guard import (
    LoginVerdict,
    login_check,
    login_failure_record,
    login_success_record,
)
from config.client_address import client_address
from verify.api.exceptions import BAD_REQUEST, THROTTLED
from verify.api.input import InputSerializer
from verify.api.parsers import DepthLimitedJSONParser

logger = logging.getLogger(__name__)
MAX_USERNAME_CHARS = 150


class GuardedLoginView(LoginView):
    """Django's login form, refusing (429) a locked username or address before any password check."""

    def post(self, request, *args, **kwargs):
        verdict = self._guard(lambda username, ip: login_check(username=username, ip=ip))
        if not verdict.allowed:
            return self._locked(verdict)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        _record_success(form.get_user().get_username(), client_address(self.request))
        return super().form_valid(form)

    def form_invalid(self, form):
        verdict = self._guard(lambda username, ip: login_failure_record(username=username, ip=ip))
        if not verdict.allowed:
            return self._locked(verdict)
        return super().form_invalid(form)

    def _guard(self, call) -> LoginVerdict:
        username = str(self.request.POST.get("username", ""))[:MAX_USERNAME_CHARS]
        return _fail_open(call, username, client_address(self.request))

    def _locked(self, verdict: LoginVerdict):
        messages.error(self.request, verdict.message)
        # An unbound form: showing a bound one would validate it, i.e. check the password anyway.
        context = self.get_context_data(form=self.get_form_class()(self.request))
        response = self.render_to_response(context, status=429)
        response["Retry-After"] = str(verdict.retry_after)
        return response


class GuardedAdminLoginView(GuardedLoginView):
    """The admin console's login page (Django's form and template), behind the same lockout."""

    template_name = "admin/login.html"
    authentication_form = AdminAuthenticationForm

    def dispatch(self, request, *args, **kwargs):
        request.current_app = admin.site.name
        if request.method == "GET" and admin.site.has_permission(request):
            return HttpResponseRedirect(reverse("admin:index", current_app=admin.site.name))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        # What django.contrib.admin.sites.AdminSite.login puts in its context.
        context = {**super().get_context_data(**kwargs), **admin.site.each_context(self.request),
                   "title": "Log in", "subtitle": None, "app_path": self.request.get_full_path(),
                   "username": self.request.user.get_username()}
        if REDIRECT_FIELD_NAME not in self.request.GET and REDIRECT_FIELD_NAME not in self.request.POST:
            context[REDIRECT_FIELD_NAME] = reverse("admin:index", current_app=admin.site.name)
        return context


class LoginRateThrottle(ScopedRateThrottle):
    """Per-address rate limit; lets requests through if the cache is down (the outage is logged)."""

    def get_ident(self, request) -> str:
        return client_address(request)

    def allow_request(self, request, view):
        try:
            return super().allow_request(request, view)
        except Exception:  # the cache backend's connection errors have no common base class
            logger.warning("Login throttle skipped: the cache is unreachable", exc_info=True)
            return True


class TokenRequestSerializer(InputSerializer, AuthTokenSerializer):
    """Username and password; other keys are refused like on every API body."""


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Send it as `Authorization: Token <token>`.")
    expires_at = serializers.DateTimeField()


class GuardedObtainAuthToken(APIView):
    """POST username and password, get a new API token; throttled and locked like the login form."""

    authentication_classes = []
    throttle_classes = [LoginRateThrottle]
    throttle_scope = "login"
    # As DRF's view, a form too (curl -d username=…), with the API's depth-limited JSON parser.
    parser_classes = [DepthLimitedJSONParser, FormParser, MultiPartParser]
    permission_classes = [AllowAny]  # as DRF's (no permissions); the schema then shows no login is needed
    serializer_class = TokenRequestSerializer

    @extend_schema(summary="Log in: get a new API token", request=TokenRequestSerializer,
                   responses={200: TokenResponseSerializer, 400: BAD_REQUEST, 429: THROTTLED})
    def post(self, request, *args, **kwargs):
        data = request.data if isinstance(request.data, Mapping) else {}
        username = str(data.get("username", ""))[:MAX_USERNAME_CHARS]
        ip = client_address(request)
        verdict = _fail_open(lambda u, a: login_check(username=u, ip=a), username, ip)
        if not verdict.allowed:
            raise Throttled(wait=verdict.retry_after, detail=verdict.message)
        serializer = TokenRequestSerializer(data=data, context={"request": request})
        if not serializer.is_valid():
            _fail_open(lambda u, a: login_failure_record(username=u, ip=a), username, ip)
            raise ValidationError(serializer.errors)
        user = serializer.validated_data["user"]
        _record_success(user.get_username(), ip)
        issued = api_token_issue(user=user)
        return Response({"token": issued.key, "expires_at": issued.expires_at})


def _fail_open(call, username: str, ip: str) -> LoginVerdict:
    """A cache outage must not stop people from logging in: allow, and log it."""
    try:
        return call(username, ip)
    except Exception:  # the cache backend's connection errors have no common base class
        logger.warning("Login lockout skipped: the cache is unreachable", exc_info=True)
        return LoginVerdict(allowed=True)


def _record_success(username: str, ip: str) -> None:
    _fail_open(lambda u, a: login_success_record(username=u, ip=a) or LoginVerdict(True), username, ip)


login_view = GuardedLoginView.as_view()
admin_login_view = GuardedAdminLoginView.as_view()
obtain_auth_token = GuardedObtainAuthToken.as_view()
