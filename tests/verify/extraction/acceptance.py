"""The claims every newsroom demo must find in the North Korean troops article (sample or seed)."""
from verify.extraction import ExtractedClaim

BOILERPLATE_MARKERS = ("See also", "Subscribe", "Share This", "TAGS", "Wordpress", "Discover more", "Disqus")


def _one(claims: list[ExtractedClaim], *needles: str) -> ExtractedClaim:
    matches = [c for c in claims if all(n.lower() in c.sentence.lower() for n in needles)]
    assert matches, f"no claim mentions {needles}; claims: {[c.sentence for c in claims]}"
    return matches[0]


def _quantity(claim: ExtractedClaim, value, unit: str) -> dict:
    matches = [q for q in claim.quantities if q["value"] == value and q["unit"] == unit]
    assert matches, f"no quantity {value} {unit} in {claim.quantities}"
    return matches[0]


def assert_acceptance_claims(cleaned: str, claims: list[ExtractedClaim]) -> None:
    noticeable = _one(claims, "noticeable number", "North Korean troops")
    assert "Zelensky" in noticeable.claimant
    assert "integrated into Russian units" in noticeable.text

    eleven_thousand = _one(claims, "as many as 11,000")
    troops = _quantity(eleven_thousand, 11000, "troops")
    assert troops["approximate"] is True
    assert "11,000" in troops["surface"] and "troops" in troops["surface"]
    assert "as many as" in eleven_thousand.hedges

    _one(claims, "Tarnavskiy", "appointed")
    _one(claims, "Oryol", "fuel")

    barrage = _one(claims, "93 missiles", "200 drones")
    _quantity(barrage, 93, "missiles")
    assert _quantity(barrage, 200, "drones")["bound"] == "lower"

    nato = _one(claims, "NATO officials", "concerns")
    assert nato.claimant == "NATO officials"

    for claim in claims:
        for marker in BOILERPLATE_MARKERS:
            assert marker not in claim.sentence, f"boilerplate {marker!r} in claim {claim.sentence!r}"
        assert cleaned[claim.start:claim.end] == claim.sentence
