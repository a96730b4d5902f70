"""Template filters of the web app's pages."""
