"""Effective formatting: run → character style → paragraph style → table style → document defaults."""

from __future__ import annotations

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT

from pipeline.lint.docx_io import Element, ancestor, q, theme_fonts, to_int

_OFF = {"0", "false", "off"}
# Word's own fallback when no w:sz is declared anywhere (ECMA-376 §17.3.2.38).
_DEFAULT_SIZE_PT = 10.0
# How Word's Vietnamese font list names a theme font a document has no theme for.
_THEME_ROLE = {"major": "phông chủ đề cho Tiêu đề", "minor": "phông chủ đề cho Nội dung"}


def on_off(el: Element | None) -> bool | None:
    """Read an ST_OnOff property element: None when absent, True unless w:val says off."""
    if el is None:
        return None
    return (el.get(q("w:val")) or "true").lower() not in _OFF


class StyleResolver:
    """Answers "what does Word apply here" for runs and paragraphs of one document."""

    def __init__(self, styles: Element | None, themes: dict[str, str]) -> None:
        self._themes = themes
        self._styles: dict[str, Element] = {}
        self._defaults: dict[str, str] = {}
        self._rpr_default: Element | None = None
        self._ppr_default: Element | None = None
        self._chains: dict[str | None, list[Element]] = {}
        # Lint reads the document only: chains can be cached for its lifetime.
        self._run_chains: dict[Element, list[Element]] = {}
        self._para_chains: dict[Element, list[Element]] = {}
        if styles is not None:
            self._load(styles)

    @classmethod
    def from_document(cls, document: Document) -> StyleResolver:
        """Build a resolver from the document's styles part and theme (either may be missing)."""
        try:
            styles = document.part.part_related_by(RT.STYLES).element
        except KeyError:
            # Not document.styles: python-docx would invent its own defaults Word never sees.
            styles = None
        return cls(styles, theme_fonts(document))

    def _load(self, styles: Element) -> None:
        for style in styles.findall(q("w:style")):
            style_id = style.get(q("w:styleId"))
            self._styles[style_id] = style
            if (style.get(q("w:default")) or "").lower() in ("1", "true", "on"):
                self._defaults[style.get(q("w:type"), "paragraph")] = style_id
        defaults = styles.find(q("w:docDefaults"))
        if defaults is not None:
            self._rpr_default = defaults.find(f"{q('w:rPrDefault')}/{q('w:rPr')}")
            self._ppr_default = defaults.find(f"{q('w:pPrDefault')}/{q('w:pPr')}")

    # -- style chains -------------------------------------------------------------------------

    def _chain(self, style_id: str | None) -> list[Element]:
        """Return the style and its basedOn ancestors, most specific first (cycles cut)."""
        if style_id not in self._chains:
            chain: list[Element] = []
            current = style_id
            while current in self._styles and all(s is not self._styles[current] for s in chain):
                chain.append(self._styles[current])
                based = self._styles[current].find(q("w:basedOn"))
                current = based.get(q("w:val")) if based is not None else None
            self._chains[style_id] = chain
        return self._chains[style_id]

    def _style_id(self, props: Element | None, tag: str, kind: str) -> str | None:
        """Return the style a pPr/rPr/tblPr names, or the default style of that kind."""
        ref = props.find(q(tag)) if props is not None else None
        style_id = ref.get(q("w:val")) if ref is not None else None
        return style_id if style_id in self._styles else self._defaults.get(kind)

    def _table_style_chain(self, p: Element) -> list[Element]:
        tbl = ancestor(p, "w:tbl")
        if tbl is None:
            return []
        return self._chain(self._style_id(tbl.find(q("w:tblPr")), "w:tblStyle", "table"))

    def paragraph_styles(self, p: Element) -> list[Element]:
        """Return the paragraph style chain, then the table style chain, most specific first."""
        pstyle = self._style_id(p.find(q("w:pPr")), "w:pStyle", "paragraph")
        return self._chain(pstyle) + self._table_style_chain(p)

    def run_chain(self, r: Element, p: Element) -> list[Element]:
        """Return every rPr that can set a run's formatting, most specific first."""
        if r not in self._run_chains:
            rpr = r.find(q("w:rPr"))
            styles = self._chain(self._style_id(rpr, "w:rStyle", "character"))
            styles = styles + self.paragraph_styles(p)
            chain = [rpr] + [s.find(q("w:rPr")) for s in styles] + [self._rpr_default]
            self._run_chains[r] = [el for el in chain if el is not None]
        return self._run_chains[r]

    def paragraph_chain(self, p: Element) -> list[Element]:
        """Return every pPr that can set a paragraph's formatting, most specific first."""
        if p not in self._para_chains:
            styles = self.paragraph_styles(p)
            chain = [p.find(q("w:pPr"))] + [s.find(q("w:pPr")) for s in styles]
            chain.append(self._ppr_default)
            self._para_chains[p] = [el for el in chain if el is not None]
        return self._para_chains[p]

    def table_chain(self, tbl: Element) -> list[Element]:
        """Return the table's tblPr then its style chain's tblPr, most specific first."""
        tbl_pr = tbl.find(q("w:tblPr"))
        styles = self._chain(self._style_id(tbl_pr, "w:tblStyle", "table"))
        chain = [tbl_pr] + [s.find(q("w:tblPr")) for s in styles]
        return [el for el in chain if el is not None]

    # -- run properties -----------------------------------------------------------------------

    def font(self, r: Element, p: Element, slot: str = "ascii") -> str | None:
        """Return the font of a run for slot "ascii" or "hAnsi" (theme fonts resolved), or None."""
        return self._font(r, p, slot)[0]

    def font_origin(self, r: Element, p: Element, slot: str = "ascii") -> str:
        """Where a run's font is set, as Word names it: “kiểu “Normal”” for a style, “phông
        mặc định của tệp” for the document's defaults, "" when on the text itself."""
        rpr = self._font(r, p, slot)[1]
        holder = rpr.getparent() if rpr is not None else None
        if holder is None or holder.tag == q("w:r"):
            return ""
        if holder.tag == q("w:style"):
            name = holder.find(q("w:name"))
            return (
                f"kiểu “{name.get(q('w:val')) if name is not None else holder.get(q('w:styleId'))}”"
            )
        return "phông mặc định của tệp"

    def _font(self, r: Element, p: Element, slot: str) -> tuple[str | None, Element | None]:
        """The font of a run for a slot and the rPr that sets it."""
        for rpr in self.run_chain(r, p):
            fonts = rpr.find(q("w:rFonts"))
            if fonts is None:
                continue
            # On one element a theme attribute beats the explicit name (ECMA-376 §17.3.2.26).
            theme = fonts.get(q(f"w:{slot}Theme"))
            if theme:
                kind = "major" if theme.startswith("major") else "minor"
                return self._themes.get(kind, _THEME_ROLE[kind]), rpr
            if fonts.get(q(f"w:{slot}")):
                return fonts.get(q(f"w:{slot}")), rpr
        return None, None

    def size(self, r: Element, p: Element) -> float:
        """Return a run's size in points (w:sz is in half-points)."""
        for rpr in self.run_chain(r, p):
            sz = rpr.find(q("w:sz"))
            if sz is not None and (sz.get(q("w:val")) or "").isdigit():
                return int(sz.get(q("w:val"))) / 2
        return _DEFAULT_SIZE_PT

    def toggle(self, r: Element, p: Element, tag: str) -> bool:
        """Return an on/off run property ("w:b", "w:i", "w:caps"): the most specific one wins."""
        for rpr in self.run_chain(r, p):
            value = on_off(rpr.find(q(tag)))
            if value is not None:
                return value
        return False

    # -- paragraph properties -----------------------------------------------------------------

    def alignment(self, p: Element) -> str:
        """Return w:jc as "left", "center", "right", "both"… (start/end read as left/right)."""
        for ppr in self.paragraph_chain(p):
            jc = ppr.find(q("w:jc"))
            if jc is not None and jc.get(q("w:val")):
                value = jc.get(q("w:val"))
                return {"start": "left", "end": "right"}.get(value, value)
        return "left"

    def merged_attrs(self, p: Element, tag: str) -> dict[str, str]:
        """Merge the attributes of a pPr child (w:ind, w:spacing) along the chain, per attribute."""
        merged: dict[str, str] = {}
        for ppr in self.paragraph_chain(p):
            el = ppr.find(q(tag))
            if el is not None:
                for key, value in el.attrib.items():
                    merged.setdefault(key.split("}")[-1], value)
        return merged

    def indents(self, p: Element) -> dict[str, int]:
        """Return left, right, first-line indents in twips (hanging counted as negative first)."""
        ind = self.merged_attrs(p, "w:ind")

        def twips(*names: str) -> int:
            return next((to_int(ind[n]) for n in names if n in ind), 0)

        first = -twips("hanging") if "hanging" in ind else twips("firstLine")
        return {"left": twips("left", "start"), "right": twips("right", "end"), "first": first}

    def border(self, p: Element, side: str) -> Element | None:
        """Return the effective w:pBdr side ("top", "bottom"…) element of a paragraph, or None."""
        for ppr in self.paragraph_chain(p):
            el = ppr.find(f"{q('w:pBdr')}/{q('w:' + side)}")
            if el is not None:
                return el
        return None
