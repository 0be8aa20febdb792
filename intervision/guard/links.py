"""E-mail addresses and web addresses that name a person, in text and in link targets."""

import html
import re
from urllib.parse import unquote

from .names import NameBook

EMAIL = re.compile(
    r"(?<![\w.+-])[\w.+-]*\w(?:@|\s?[\[(]at[\])]\s?)[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?![\w-])",
    re.IGNORECASE | re.UNICODE,
)
URL = re.compile(
    r"(?:https?://|www\.)[^\s<>\"'()]+"
    r"|(?<![\w@.-])(?:[a-z0-9-]+\.)+(?:be|com|nl|net|org|eu|me|tv|app|io|fr|de)/[^\s<>\"'()]*",
    re.IGNORECASE,
)
HREF = re.compile(r"""href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
# Shared mailboxes of services: writing to them identifies no young person.
ROLE_MAILBOXES = {
    "info", "contact", "onthaal", "secretariaat", "administratie", "admin", "noreply", "no-reply",
    "aanmelding", "aanmeldingen", "intake", "klantendienst", "helpdesk", "support", "redactie",
    "post", "mail", "hallo", "hello", "welkom", "directie", "zorg", "team", "algemeen", "balie",
    "jeugdhulp", "vragen", "meldpunt", "privacy", "dpo", "boekhouding", "facturatie", "personeel",
}  # fmt: skip
SOCIAL_HOSTS = re.compile(
    r"(?:^|\.)(?:facebook|fb|instagram|tiktok|twitter|x|linkedin|snapchat|youtube|threads|pinterest"
    r"|twitch|vimeo|soundcloud|spotify|onlyfans|telegram|t|wa|discord|reddit|tumblr|bsky)\.(?:com|me|app|be|net|gg)$",
    re.IGNORECASE,
)
GENERIC_PATHS = {"", "login", "home", "explore", "watch", "search", "help", "about", "privacy"}
PIECES = re.compile(r"[a-zà-ÿ]+", re.IGNORECASE)


def link_targets(markup: str) -> list[str]:
    """The addresses links point to, decoded as a browser would (entities, %-escapes)."""
    targets = []
    for match in HREF.finditer(markup or ""):
        target = next(group for group in match.groups() if group is not None)
        target = unquote(html.unescape(target)).strip()
        if target:
            targets.append(target)
    return targets


def find_emails(text: str):
    for match in EMAIL.finditer(text):
        local = re.split(r"@|\s?[\[(]at[\])]", match.group(0), maxsplit=1, flags=re.I)[0]
        if local.lower() in ROLE_MAILBOXES:
            continue
        yield match.span()


def names_a_person(book: NameBook, piece: str) -> bool:
    """Whether a host or path word is a name, a name with digits, an initial and a surname, or a
    first name and a surname written together."""
    piece = piece.lower()
    if len(piece) < 3 or piece in book.common:
        return False
    return book.known(piece) or written_together(book, piece)


def written_together(book: NameBook, piece: str) -> bool:
    """ "emmapeeters", "peetersemma" or "epeeters": a handle made of a person's names."""
    for cut in range(3, len(piece) - 3):
        head, tail = piece[:cut], piece[cut:]
        if (head in book.first and tail in book.last) or (head in book.last and tail in book.first):
            return True
    return len(piece) >= 5 and piece[1:] in book.last and piece[1:] not in book.common


def find_web_addresses(text: str, book: NameBook):
    for match in URL.finditer(text):
        url = match.group(0).rstrip(".,;:!?")
        address = re.sub(r"^(?:https?://)?(?:www\.)?", "", url, flags=re.I)
        host, _, path = address.partition("/")
        path_words = [part for part in re.split(r"[/?#&=]", path) if part]
        if SOCIAL_HOSTS.search(host) and path_words and path_words[0].lower() not in GENERIC_PATHS:
            yield match.start(), match.start() + len(url)
            continue
        words = host.split(".")[:-1] + path_words
        pieces = [piece for word in words for piece in PIECES.findall(word)]
        with_digits = [
            m.group(1) for w in words if (m := re.fullmatch(r"([a-z]+)[._-]?\d+", w, re.I))
        ]
        if (
            any(names_a_person(book, piece) for piece in with_digits)
            or sum(names_a_person(book, piece) for piece in pieces) >= 2
            or (
                any(names_a_person(book, piece) for piece in pieces)
                and sum(len(piece) >= 3 and book.known(piece) for piece in pieces) >= 2
            )
            or any(len(piece) >= 5 and written_together(book, piece) for piece in pieces)
        ):
            yield match.start(), match.start() + len(url)
