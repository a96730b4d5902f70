"""Signed PDFs: signing with pyHanko, signed files taken back, signatures verified, submission packages."""
