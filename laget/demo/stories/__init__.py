"""The demo cases, one function each, told through laget.demo.story.Story."""

from collections.abc import Callable

from laget.demo.population import Family
from laget.demo.stories import (
    families,
    health,
    kloverenga,
    lifecycle,
    makeberget,
    schools,
    transition,
    tussetoppen,
    youth,
)
from laget.demo.story import Story

ALL_STORIES: tuple[Callable[[Story], None], ...] = (
    *transition.STORIES,
    *makeberget.STORIES,
    *kloverenga.STORIES,
    *tussetoppen.STORIES,
    *health.STORIES,
    *schools.STORIES,
    *youth.STORIES,
    *families.STORIES,
    *lifecycle.STORIES,
)

# The story families the population register knows (laget/demo/population.py).
ALL_FAMILIES: tuple[Family, ...] = (
    *transition.FAMILIES,
    *makeberget.FAMILIES,
    *kloverenga.FAMILIES,
    *tussetoppen.FAMILIES,
    *health.FAMILIES,
    *schools.FAMILIES,
    *youth.FAMILIES,
    *families.FAMILIES,
    *lifecycle.FAMILIES,
)
