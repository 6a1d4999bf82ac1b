"""`POST /api/auth/logout/` revokes the token the request was made with; `POST /api/auth/logout-all/`
revokes every token of the caller (any role: a token's holder may always give it up)."""
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from annotations.apitokens.models import ApiToken
from annotations.apitokens.services import api_token_revoke, api_tokens_revoke_for_user
from verify.api.exceptions import BAD_REQUEST


class TokenLogoutView(APIView):
    @extend_schema(summary="Log out: revoke the token this request carries", request=None,
                   responses={204: OpenApiResponse(description="The token no longer works."), 400: BAD_REQUEST})
    def post(self, request):
        if not isinstance(request.auth, ApiToken):
            raise ValidationError("This request carries no API token (it was made with a session); "
                                  "use /api/auth/logout-all/ to revoke every token of this account.")
        api_token_revoke(token_id=request.auth.pk)
        return Response(status=status.HTTP_204_NO_CONTENT)


class TokenLogoutAllView(APIView):
    @extend_schema(summary="Revoke every API token of the caller", request=None, responses=inline_serializer(
        name="TokensRevoked", fields={"revoked": serializers.IntegerField(help_text="How many tokens.")}))
    def post(self, request):
        return Response({"revoked": api_tokens_revoke_for_user(user_id=request.user.pk)})
