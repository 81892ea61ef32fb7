"""A saved transcript web page -> lines of text (stdlib `html.parser`, nothing fetched).

Each table row becomes one line with its cells separated by ` | `; block elements (`p`,
`div`, `br`, headings, list items) end a line; scripts and styles are dropped.
"""

from __future__ import annotations

from html.parser import HTMLParser

BLOCKS = {
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "tr",
    "table",
    "section",
    "header",
    "footer",
    "article",
    "pre",
    "dt",
    "dd",
    "caption",
    "hr",
    "tbody",
    "thead",
}
SKIP = {"script", "style", "head", "title", "noscript", "template"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.cells: list[str] | None = None
        self.cell: list[str] | None = None
        self.skip = 0
        self.pre = 0

    def _flush(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.lines.append(text)
        self.current = []

    def handle_starttag(self, tag, attrs):
        if tag in SKIP:
            self.skip += 1
            return
        if tag == "tr":
            self._flush()
            self.cells = []
        elif tag in ("td", "th") and self.cells is not None:
            self.cell = []
        elif tag == "br" and self.cell is not None:
            self.cell.append(" ")
        elif tag == "pre":
            self._flush()
            self.pre += 1
        elif tag in BLOCKS and self.cell is None:
            self._flush()

    def handle_endtag(self, tag):
        if tag in SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if tag in ("td", "th") and self.cells is not None and self.cell is not None:
            self.cells.append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "tr" and self.cells is not None:
            # Empty cells are kept: a blank cycle column must stay a column.
            if any(self.cells):
                self.lines.append(" | ".join(self.cells))
            self.cells = None
        elif tag == "pre":
            self.pre = max(0, self.pre - 1)
            self._flush()
        elif tag in BLOCKS and self.cell is None:
            self._flush()

    def handle_data(self, data):
        if self.skip:
            return
        if self.cell is not None:
            self.cell.append(data)
        elif self.pre:
            parts = data.split("\n")
            for k, part in enumerate(parts):
                if k:
                    self._flush()
                self.current.append(part)
        else:
            self.current.append(data)

    def close(self):
        super().close()
        self._flush()


def html_lines(text: str) -> list[str]:
    parser = _Text()
    parser.feed(text)
    parser.close()
    return parser.lines
