"""Which scenario a practice case was started from (the case itself is a cases.Case with
is_practice set)."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from laget.cases.models import Case


class ScenarioRun(models.Model):
    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="+")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # A key of laget.practice.scenarios.SCENARIOS.
    scenario = models.SlugField(max_length=40)
    started_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["started_at", "id"]

    def __str__(self) -> str:
        return self.scenario
