"""`GET /api/me/`: who the token belongs to and which role it carries.

Clients call it to check a token and to decide which actions to offer. It is also the load
benchmark's ceiling for the API: the cheapest request that still pays authentication, the role
check and rendering, which every API endpoint pays (bench/load.py).
"""
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from verify.roles import user_role


class MeView(APIView):
    @extend_schema(summary="The caller's account and role", responses=inline_serializer(
        name="Me", fields={"id": serializers.IntegerField(), "username": serializers.CharField(),
                           "role": serializers.CharField(allow_null=True)}))
    def get(self, request):
        return Response({"id": request.user.pk, "username": request.user.get_username(),
                         "role": user_role(request.user)})
