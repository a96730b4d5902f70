"""What the rules ask about a paragraph (text, size, bold, case, where), computed once per paragraph."""

from __future__ import annotations

import re

from docx.document import Document

from pipeline.lint.docx_io import (
    Element,
    Story,
    own_runs,
    paragraph_location,
    paragraph_text,
    paragraphs,
    run_text,
    stories,
)
from pipeline.lint.model import LintIssue
from pipeline.lint.styles import StyleResolver

TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
# Control tags ({% … %}, {# … #}) print nothing once rendered; {{ … }} prints a value.
_CONTROL_TAG = re.compile(r"\{%.*?%\}|\{#.*?#\}", re.S)
_FULL_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)


def has_tags(all_stories: list[Story]) -> bool:
    """True when any paragraph of any story holds a docxtpl/Jinja tag."""
    return any(
        _FULL_TAG.search(paragraph_text(p)) for story in all_stories for p in paragraphs(story.root)
    )


class LintContext:
    """One document being linted: its styles, stories, template flag and per-paragraph facts."""

    def __init__(self, document: Document, template: bool | None) -> None:
        self.document = document
        self.styles = StyleResolver.from_document(document)
        self.stories = stories(document)
        self.template = has_tags(self.stories) if template is None else template
        self._roots = [(story.root.getroottree().getroot(), story.label) for story in self.stories]
        self._text: dict[Element, str] = {}
        self._runs: dict[Element, list[Element]] = {}

    # -- text -----------------------------------------------------------------------------------

    def text(self, p: Element) -> str:
        """Return the paragraph's NFC text, tags included."""
        if p not in self._text:
            self._text[p] = paragraph_text(p)
        return self._text[p]

    def visible(self, p: Element) -> str:
        """Return the text a reader will see: in a template, control tags removed."""
        text = self.text(p)
        return _CONTROL_TAG.sub("", text) if self.template else text

    def letters(self, p: Element) -> str:
        """Return the text without any tag, for case tests (a tag's name says nothing of case)."""
        return TAG.sub("", self.text(p)) if self.template else self.text(p)

    def has_text(self, p: Element) -> bool:
        """True when the paragraph shows something (whitespace and control tags do not count)."""
        return bool(self.visible(p).strip())

    def text_runs(self, p: Element) -> list[Element]:
        """Return the paragraph's runs that show non-blank text."""
        if p not in self._runs:
            self._runs[p] = [r for r in own_runs(p) if run_text(r).strip()]
        return self._runs[p]

    # -- formatting -----------------------------------------------------------------------------

    def sizes(self, p: Element) -> set[float]:
        """Return the effective sizes (pt) of the paragraph's text runs."""
        return {self.styles.size(r, p) for r in self.text_runs(p)}

    def flags(self, p: Element, tag: str) -> list[bool]:
        """Return an on/off property ("w:b", "w:i") for each text run."""
        return [self.styles.toggle(r, p, tag) for r in self.text_runs(p)]

    def is_bold(self, p: Element) -> bool:
        """True when every text run is bold (and there is at least one)."""
        flags = self.flags(p, "w:b")
        return bool(flags) and all(flags)

    def is_upper(self, p: Element) -> bool:
        """True when the letters are upper case, typed so or shown so by w:caps on every run."""
        letters = self.letters(p)
        if letters == letters.upper():
            return True
        caps = self.flags(p, "w:caps")
        return bool(caps) and all(caps)

    def alignment(self, p: Element) -> str:
        """Return the effective alignment (w:jc value)."""
        return self.styles.alignment(p)

    # -- reporting ------------------------------------------------------------------------------

    def where(self, p: Element) -> str:
        """Return the Vietnamese location of a paragraph."""
        root = p.getroottree().getroot()
        label = next((lbl for rt, lbl in self._roots if rt is root), "")
        return paragraph_location(p, label)

    def issue(self, rule: str, message: str, p: Element) -> LintIssue:
        """Make an issue located at paragraph p."""
        return LintIssue(rule, message, self.where(p))
