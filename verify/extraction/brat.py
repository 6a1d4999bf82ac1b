"""Reading PolNeAR-style brat standoff attributions (Source, Cue, Content spans tied by E lines)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

Spans = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class AnnotatedAttribution:
    source: Spans  # may be empty (attribution without a stated source)
    cue: Spans
    content: Spans


def _spans(offsets: str) -> Spans:
    # brat discontinuous spans: "12 20;25 30"
    spans = []
    for part in offsets.split(";"):
        start, end = part.split()
        spans.append((int(start), int(end)))
    return tuple(spans)


def read_brat_attributions(path: str | Path) -> list[AnnotatedAttribution]:
    text_bounds: dict[str, Spans] = {}
    events: list[dict[str, str]] = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            label_and_offsets = parts[1].split(" ", 1)
            if len(label_and_offsets) == 2:
                text_bounds[parts[0]] = _spans(label_and_offsets[1])
        elif line.startswith("E"):
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            roles = {}
            for argument in parts[1].split():
                role, _, target = argument.partition(":")
                roles[role.rstrip("0123456789")] = target
            events.append(roles)
    attributions = []
    for roles in events:
        content = text_bounds.get(roles.get("Content", ""), ())
        if not content:
            continue
        attributions.append(AnnotatedAttribution(
            source=text_bounds.get(roles.get("Source", ""), ()),
            cue=text_bounds.get(roles.get("Cue", ""), ()),
            content=content,
        ))
    return attributions


def article_pairs(directory: str | Path) -> list[tuple[Path, Path]]:
    """(text file, annotation file) pairs; an article annotated twice appears twice."""
    root = Path(directory)
    texts = {p.stem: p for p in (root / "text").glob("*.txt")}
    pairs = []
    for annotation in sorted((root / "attributions").glob("*.ann")):
        stem = annotation.stem
        text = texts.get(stem) or texts.get(stem.rsplit("_", 1)[0])
        if text is not None:
            pairs.append((text, annotation))
    return pairs
