"""hoso: Vietnamese award dossiers (Tờ trình, Biên bản, Báo cáo thành tích) from one workbook."""

import warnings

__version__ = "0.1.0"

# cryptography 51 deprecates DSA and pyHanko imports its DSA key class: without this, every hoso
# command that signs or verifies would print an English warning about an algorithm hoso never uses.
warnings.filterwarnings("ignore", message="DSA is deprecated", module="pyhanko")
