"""Database migrations of the web app."""
