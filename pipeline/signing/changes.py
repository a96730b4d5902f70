"""What was added to a PDF after a signature, when it is only annotations: the văn thư's number
and date, typed by the office's signing tool as comments before the organisation signs, leave
every page as it was signed. Anything else (a page, a changed content stream, image, font or
earlier annotation) is not such an addition."""

from __future__ import annotations

import io

from pypdf import PdfReader
from pypdf.errors import PdfReadError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

# Keys that lead away from the page itself (to the page tree, or back to the page).
_AWAY = ("/Parent", "/P", "/Annots")
# Annotations that are part of a signature or of another annotation, not an addition to read.
_UNSAID = ("/Widget", "/Popup")
_KINDS = {"/FreeText": "chú thích chữ", "/Stamp": "dấu hình", "/Ink": "nét vẽ tay"}
_SHOWN = 80  # characters of an annotation's text said


def annotations_after(signed: bytes, whole: bytes) -> tuple[str, ...] | None:
    """The annotations `whole` adds to the revision `signed`, said page by page ("trang 1:
    «Số: 15/TTr-UBND»"); None when it changes anything else on the pages, or adds none."""
    try:
        before = PdfReader(io.BytesIO(signed)).pages
        after = PdfReader(io.BytesIO(whole)).pages
        if len(before) != len(after):
            return None
        added: list[str] = []
        for number, (old, new) in enumerate(zip(before, after, strict=True), start=1):
            if _fingerprint(old) != _fingerprint(new):
                return None
            old_annots = {_ref(a): a for a in _annots(old)}
            for annot in _annots(new):
                if _ref(annot) in old_annots:
                    if _fingerprint(old_annots.pop(_ref(annot))) != _fingerprint(annot):
                        return None  # an annotation there at signing, changed since
                    continue
                said = _said(annot.get_object())
                if said is not None:
                    added.append(f"trang {number}: {said}")
            if old_annots:
                return None  # an annotation there at signing, removed since
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None
    return tuple(added) or None


def _annots(page: DictionaryObject) -> list:
    """A page's annotations as they are referenced."""
    annots = page.get("/Annots")
    annots = annots.get_object() if annots is not None else []
    return list(annots) if isinstance(annots, ArrayObject) else []


def _ref(annot) -> object:
    """An annotation's identity across revisions: its object number, else its content."""
    return annot.idnum if isinstance(annot, IndirectObject) else repr(annot)


def _said(annot: DictionaryObject) -> str | None:
    """An added annotation for a reader: its text, else its kind; None for a signature's own."""
    subtype = str(annot.get("/Subtype", ""))
    if subtype in _UNSAID:
        return None
    text = " ".join(str(annot.get("/Contents", "")).split())
    if text:
        return f"«{text[:_SHOWN]}{'…' if len(text) > _SHOWN else ''}»"
    return _KINDS.get(subtype, f"chú thích {subtype.lstrip('/') or 'không rõ loại'}")


def _fingerprint(obj, seen: set[int] | None = None) -> object:
    """What an object shows, with everything it refers to (streams decoded), comparable
    across revisions; an object met twice is named by its number the second time."""
    seen = set() if seen is None else seen
    if isinstance(obj, IndirectObject):
        if obj.idnum in seen:
            return ("ref", obj.idnum)
        seen.add(obj.idnum)
        obj = obj.get_object()
    if isinstance(obj, StreamObject):
        head = {k: v for k, v in obj.items() if k not in ("/Length", "/Filter", "/DecodeParms")}
        return ("stream", obj.get_data(), _fingerprint(DictionaryObject(head), seen))
    if isinstance(obj, DictionaryObject):
        return tuple(
            sorted((str(k), _fingerprint(v, seen)) for k, v in obj.items() if k not in _AWAY)
        )
    if isinstance(obj, ArrayObject):
        return tuple(_fingerprint(v, seen) for v in obj)
    return repr(obj)
