"""The API's JSON parser: DRF's, with a limit on how deep a body may nest.

Python's json module recurses once per level, so a body of a few thousand `[` ends in RecursionError (a
500) before any view runs, even on the unauthenticated token endpoint. No request of this API nests more
than a few levels (a review's sources are the deepest: body → sources → source); anything deeper than
MAX_JSON_DEPTH is a 400 "parse_error" before it reaches a serializer.
"""
from rest_framework import parsers
from rest_framework.exceptions import ParseError

MAX_JSON_DEPTH = 32
TOO_DEEP = f"JSON parse error - the body nests deeper than {MAX_JSON_DEPTH} levels."


class DepthLimitedJSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(TOO_DEEP) from None
        if json_depth_exceeds(data, MAX_JSON_DEPTH):
            raise ParseError(TOO_DEEP)
        return data


def json_depth_exceeds(data, limit: int) -> bool:
    """Whether parsed JSON nests lists and objects more than `limit` levels deep (walked without recursion)."""
    pending = [(data, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, dict):
            value = value.values()
        elif not isinstance(value, list):
            continue
        if depth > limit:
            return True
        pending.extend((item, depth + 1) for item in value if isinstance(item, (dict, list)))
    return False
