"""A small HTML tree for tests (html.parser only): find elements by tag, class, id and attribute; read text."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


class Node:
    """An element: tag, attrs, children (Nodes and text strings)."""

    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Node | None = None):
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Node | str] = []

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def get(self, name: str, default: str | None = None) -> str | None:
        return self.attrs.get(name, default)

    def iter(self):
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs) -> list[Node]:
        """Descendants matching a tag, a class and attribute values (attr=True: present)."""
        found = []
        for el in self.iter():
            if tag and el.tag != tag:
                continue
            if cls and cls not in el.classes:
                continue
            if all(
                (name.rstrip("_") in el.attrs)
                if value is True
                else el.attrs.get(name.rstrip("_")) == value
                for name, value in attrs.items()
            ):
                found.append(el)
        return found

    def find(self, tag: str | None = None, cls: str | None = None, **attrs) -> Node | None:
        found = self.find_all(tag, cls, **attrs)
        return found[0] if found else None

    def one(self, tag: str | None = None, cls: str | None = None, **attrs) -> Node:
        found = self.find_all(tag, cls, **attrs)
        assert len(found) == 1, f"expected one <{tag} class={cls} {attrs}>, found {len(found)}"
        return found[0]

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def __repr__(self) -> str:
        return f"<{self.tag} {self.attrs}>"


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.cur = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.cur)
        self.cur.children.append(node)
        if tag not in VOID:
            self.cur = node

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, dict(attrs), self.cur))

    def handle_endtag(self, tag):
        node = self.cur
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.cur = node.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def parse(html: str) -> Node:
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.root


class Site:
    """A built site: pages by URL path ('gfxwj/x/'), parsed once, and relative links resolved to files."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self._cache: dict[str, Node] = {}

    def page(self, url: str) -> Node:
        if url not in self._cache:
            path = self.file_of(url)
            assert path.is_file(), f"no page at /{url}"
            self._cache[url] = parse(path.read_text(encoding="utf-8"))
        return self._cache[url]

    def file_of(self, url: str) -> Path:
        return self.root / (url + "index.html" if url == "" or url.endswith("/") else url)

    def pages(self) -> list[str]:
        """URL paths of every HTML page outside pagefind/."""
        urls = []
        for path in sorted(self.root.rglob("index.html")):
            rel = path.parent.relative_to(self.root).as_posix()
            if not rel.startswith("pagefind"):
                urls.append("" if rel == "." else rel + "/")
        return urls

    @staticmethod
    def resolve(from_url: str, href: str) -> str | None:
        """A relative href on page from_url → site URL path (fragment dropped); None for other schemes/hosts."""
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or href.startswith("#"):
            return None
        joined = posixpath.normpath(posixpath.join(from_url or ".", unquote(parts.path)))
        if joined == ".":
            return ""
        return joined + "/" if parts.path.endswith("/") or parts.path in ("", ".", "..") else joined

    def exists(self, url: str) -> bool:
        return self.file_of(url).is_file()


def main_content(doc: Node) -> Node:
    """The page's article (Material's md-content__inner)."""
    for el in doc.find_all("article"):
        if "md-content__inner" in el.classes:
            return el
    raise AssertionError("no article.md-content__inner")
