"""What assistive technology needs from a page with a form: every description it names exists once."""

from collections import Counter
from html.parser import HTMLParser


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids = Counter()
        self.described_by = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids[attributes["id"]] += 1
        self.described_by.extend((attributes.get("aria-describedby") or "").split())


def described_by(html: str) -> dict[str, int]:
    """Each id that an aria-describedby names, with how many elements on the page carry it."""
    parser = _Ids()
    parser.feed(html)
    return {name: parser.ids[name] for name in parser.described_by}


def assert_descriptions_resolve(response) -> None:
    """The page describes at least one field, and each description names exactly one element."""
    assert response.status_code in (200, 400)
    targets = described_by(response.content.decode())
    assert targets, "no field on this page names a description"
    assert {name: count for name, count in targets.items() if count != 1} == {}
