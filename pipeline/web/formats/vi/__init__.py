"""Vietnamese formats of hoso's own."""
