"""Date formats of hoso's own (FORMAT_MODULE_PATH), over Django's for the admin's pages."""
