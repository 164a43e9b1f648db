"""GET /api/v1/indicators/ and /api/v1/indicators/national/: the dashboard's and the national
view's figures as data, for a steering group's own spreadsheets and BI tools.

The same figures as the pages (`dashboard.py`, `aggregates.py`), the same access: a
municipality's coordinator or admin for its indicators; for the national tables also a registry
role, with the rows of its scope. Cells that are not shown on the page are "<5" here too.
"""

from dataclasses import asdict

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from laget.api.permissions import request_user
from laget.api.schema import errors
from laget.monitoring.access import aggregate_rows_for
from laget.monitoring.aggregates import national_aggregate
from laget.monitoring.dashboard import YEARS_SHOWN, municipal_dashboard
from laget.orgs.rules import managed_municipality


class TableSerializer(serializers.Serializer[object]):
    slug = serializers.CharField()
    title = serializers.CharField()
    summary = serializers.CharField()
    columns = serializers.ListField(child=serializers.CharField())
    rows = serializers.ListField(child=serializers.ListField(child=serializers.CharField()))
    total = serializers.ListField(child=serializers.CharField(), allow_null=True)


class KeyFigureSerializer(serializers.Serializer[object]):
    label = serializers.CharField()  # type: ignore[assignment]  # the figure's label
    value = serializers.CharField()
    detail = serializers.CharField()


class IndicatorsSerializer(serializers.Serializer[object]):
    municipality = serializers.CharField()
    year = serializers.IntegerField()
    as_of = serializers.DateField()
    key_figures = KeyFigureSerializer(many=True)
    figures = TableSerializer(many=True)


class NationalSerializer(serializers.Serializer[object]):
    municipalities = serializers.IntegerField(help_text="Municipalities that share figures.")
    shown = serializers.IntegerField(help_text="Of them, the rows you may see.")
    tables = TableSerializer(many=True)


class IndicatorsView(APIView):
    @extend_schema(
        tags=["monitoring"],
        summary="The indicators of my municipality (coordinator or admin)",
        description="Every figure of the dashboard as a table: columns, rows (first cell names "
        "the unit), and the total row. `year` (default this year, at most two years back) "
        "chooses the year for measures, transitions and days to the first measure.",
        parameters=[OpenApiParameter("year", int, required=False)],
        responses={200: IndicatorsSerializer, **errors(400, 401, 403)},
    )
    def get(self, request: Request) -> Response:
        municipality = managed_municipality(request_user(request))
        today = timezone.localdate()
        year = request.query_params.get("year", str(today.year))
        if not year.isdigit() or not today.year - YEARS_SHOWN < int(year) <= today.year:
            raise serializers.ValidationError(
                {"year": [f"Velg et år fra {today.year - YEARS_SHOWN + 1} til {today.year}."]}
            )
        board = municipal_dashboard(municipality, year=int(year), today=today)
        return Response(
            IndicatorsSerializer(
                {
                    "municipality": board.municipality.name,
                    "year": board.year,
                    "as_of": board.today,
                    "key_figures": [asdict(k) for k in board.key_figures],
                    "figures": [asdict(f) for f in board.figures],
                }
            ).data
        )


class NationalIndicatorsView(APIView):
    @extend_schema(
        tags=["monitoring"],
        summary="Figures across the municipalities that share them",
        description="One table per indicator; cells about fewer than five persons, and cells "
        "that would give them away through the totals, are '<5'. A program admin sees every "
        "row, a regional coordinator their region, a municipality its own; all see the totals.",
        responses={200: NationalSerializer, **errors(401, 403)},
    )
    def get(self, request: Request) -> Response:
        result = national_aggregate(aggregate_rows_for(request_user(request)))
        return Response(
            NationalSerializer(
                {
                    "municipalities": result.municipalities,
                    "shown": result.shown,
                    "tables": [asdict(t) for t in result.tables],
                }
            ).data
        )
