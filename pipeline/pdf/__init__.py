"""DOCX → PDF with warm LibreOffice workers, and PDFs joined into dossiers with bookmarks."""
