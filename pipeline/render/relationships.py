"""Every relationship id a part points to (r:id, r:embed, r:link…) is one its .rels declares.

A rendered part that points to a relationship its package lacks (a hyperlink or a picture made
for another document) is a DOCX Word refuses to open; it is found here before anything is written.
"""

from __future__ import annotations

import posixpath

from lxml import etree

R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
# Every attribute in the relationships namespace is a relationship id (ST_RelationshipId).
_REFERENCES = etree.XPath("//@*[namespace-uri() = $ns]")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


class MissingRelationship(Exception):
    """A part points to relationship ids its .rels does not declare."""

    def __init__(self, part: str, ids: list[str]):
        super().__init__(f"{part}: {', '.join(ids)}")
        self.part, self.ids = part, ids


def rels_name(part: str) -> str:
    """The zip name of a part's relationships: word/header1.xml → word/_rels/header1.xml.rels."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def declared(rels: bytes | None) -> frozenset[str]:
    """The relationship ids a .rels part declares (none when the part has no .rels)."""
    if rels is None:
        return frozenset()
    root = etree.fromstring(rels, parser=_PARSER)
    return frozenset(r.get("Id") for r in root.iter(f"{{{_PACKAGE_NS}}}Relationship"))


def check_references(part: str, root: etree._Element, ids: frozenset[str]) -> None:
    """MissingRelationship when the part's tree points to an id not in `ids`."""
    missing = sorted({str(ref) for ref in _REFERENCES(root, ns=R_NS)} - ids)
    if missing:
        raise MissingRelationship(part, missing)


def check_members(members: dict[str, bytes]) -> None:
    """Check the references of every XML part of a package (its .rels excepted)."""
    for name, data in members.items():
        if name.endswith(".xml") and b"relationships" in data:
            root = etree.fromstring(data, parser=_PARSER)
            check_references(name, root, declared(members.get(rels_name(name))))
