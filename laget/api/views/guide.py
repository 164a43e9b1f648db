"""GET /api/v1/guide/: the published guide of my municipality, levels → steps."""

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from laget.api.permissions import request_user
from laget.api.schema import errors
from laget.guide.models import Level, Step
from laget.guide.selectors import published_guide
from laget.orgs.selectors import staff_profile


class ExitSerializer(serializers.Serializer[dict[str, object]]):
    kind = serializers.ChoiceField(choices=["close", "next_step", "level", "report"])
    target = serializers.CharField(help_text="A step slug, a level number (as text) or empty.")
    label = serializers.CharField()  # type: ignore[assignment]  # the exit's label, not the field's


class StepSerializer(serializers.ModelSerializer[Step]):
    body_html = serializers.CharField(read_only=True, help_text="The body rendered, sanitised.")
    exits = ExitSerializer(many=True)
    tools = serializers.ListField(child=serializers.CharField(), source="tool_slugs")
    services = serializers.ListField(child=serializers.IntegerField(), source="service_ids")

    class Meta:
        model = Step
        fields = [
            "slug",
            "title",
            "actor",
            "deadline_days",
            "body",
            "body_html",
            "exits",
            "tools",
            "services",
        ]


class LevelSerializer(serializers.ModelSerializer[Level]):
    steps = StepSerializer(many=True)

    class Meta:
        model = Level
        fields = ["number", "title", "summary", "steps"]


class GuideSerializer(serializers.Serializer[object]):
    title = serializers.CharField(source="guide.title")
    slug = serializers.CharField(source="guide.slug")
    version = serializers.IntegerField(source="number")
    published_at = serializers.DateTimeField()
    levels = LevelSerializer(many=True)


class GuideView(APIView):
    @extend_schema(
        tags=["guide"],
        summary="The published action guide of my municipality",
        description="Levels 0–3 with their steps, each with its tools (slugs) and services "
        "(ids in the service directory). 404 while the municipality has published none.",
        responses={200: GuideSerializer, **errors(401, 404)},
    )
    def get(self, request: Request) -> Response:
        ids = staff_profile(request_user(request)).municipality_ids
        version = published_guide(min(ids)) if ids else None
        if version is None:
            raise Http404
        return Response(GuideSerializer(version).data)
