"""The documents of a dossier: which a batch needs, and the plain context each template gets."""

from pipeline.documents.registry import REGISTRY, Document, documents_for, template_keys

__all__ = ["REGISTRY", "Document", "documents_for", "template_keys"]
