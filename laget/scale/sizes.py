"""How big the fictional municipalities are, and what they are called.

Sizes follow rank-size (Zipf) with some noise, as Norway's do: one city with about a tenth of
the country's children, a few large towns, and a long tail of small municipalities; the median
is about a third of the mean, as in Norway. Names are made of Norwegian-sounding syllables;
none is meant to be a real place.
"""

import random

REGIONS = ("Nordkyst", "Fjordane", "Innlandet Nord", "Vestkyst", "Midtdalen", "Sørkyst", "Østmark")
_FIRST = (
    "Ås", "Berg", "Bjørk", "Dal", "Eik", "Fjell", "Foss", "Gran", "Haug", "Holm", "Kvern",
    "Lid", "Lyng", "Mo", "Nes", "Ram", "Rogn", "Sand", "Skog", "Stein", "Strand", "Sval",
    "Tind", "Vang", "Vik", "Ør", "Elv", "Furu", "Hvit", "Kalv",
)  # fmt: skip
_LAST = (
    "vik", "dal", "nes", "berg", "haug", "stad", "rud", "mo", "øy", "fjord", "sund", "heim",
    "land", "li", "bø", "sand", "eid", "holt", "vang", "åsen",
)  # fmt: skip
ZIPF_EXPONENT = 0.95


def municipality_sizes(count: int, children: int, rng: random.Random) -> list[int]:
    """Children per municipality, largest first, summing to `children` (each at least 1)."""
    weights = [(rank**-ZIPF_EXPONENT) * rng.uniform(0.8, 1.2) for rank in range(1, count + 1)]
    weights.sort(reverse=True)
    total = sum(weights)
    sizes = [max(1, int(children * w / total)) for w in weights]
    sizes[0] += children - sum(sizes)
    return sizes


def municipality_names(count: int, rng: random.Random) -> list[str]:
    pairs = [f + last for f in _FIRST for last in _LAST if not f.lower().endswith(last)]
    rng.shuffle(pairs)
    names = []
    for i in range(count):
        base = pairs[i % len(pairs)]
        names.append(base if i < len(pairs) else f"{base} {i // len(pairs) + 1}")
    return names
