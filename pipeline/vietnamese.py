"""Placeholder: replaced by the Vietnamese text toolkit (issue 3)."""
