"""HTML -> plain text with paragraph breaks, using only the standard library."""
from __future__ import annotations

from html.parser import HTMLParser

# Elements whose content is never article text.
_SKIPPED_ELEMENTS = {"script", "style", "noscript", "template", "svg", "iframe", "head", "form", "button", "select"}
# Elements that end a paragraph (or line) of text.
_BLOCK_ELEMENTS = {
    "p", "div", "section", "article", "header", "footer", "aside", "nav", "main", "h1", "h2", "h3", "h4", "h5",
    "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "table", "tr", "figure", "figcaption",
    "hr", "address", "title",
}
_VOID_ELEMENTS = {"br", "img", "hr", "meta", "link", "input", "source", "wbr", "area", "base", "col", "embed"}


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIPPED_ELEMENTS and tag not in _VOID_ELEMENTS:
            self._skip_depth += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCK_ELEMENTS:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCK_ELEMENTS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_ELEMENTS and tag not in _VOID_ELEMENTS:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in _BLOCK_ELEMENTS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self._skip_depth == 0:
            # Newlines inside HTML source are just spaces; structure comes from the tags.
            self.parts.append(" ".join(data.split("\n")))


def html_to_text(html: str) -> str:
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    return "".join(collector.parts)
