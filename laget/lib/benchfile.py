"""BENCHMARKS.md sections that a benchmark command writes: the text between
`<!-- NAME:start -->` and `<!-- NAME:end -->` is replaced; without the markers the section is
appended under `heading`."""

from pathlib import Path


def markers(name: str) -> tuple[str, str]:
    return f"<!-- {name}:start -->", f"<!-- {name}:end -->"


def write_section(path: Path, name: str, text: str, *, heading: str) -> None:
    """Put `text` (which starts and ends with the markers of `name`) into the file at `path`."""
    start, end = markers(name)
    current = path.read_text(encoding="utf-8")
    if start in current and end in current:
        before, rest = current.split(start, 1)
        after = rest.split(end, 1)[1]
        current = before + text + after
    else:
        current = current.rstrip() + f"\n\n## {heading}\n\n" + text + "\n"
    path.write_text(current, encoding="utf-8")
