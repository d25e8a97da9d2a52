"""Regenerate the shipped reference template: ``python -m strategy.documents [path]``."""
import sys

from .reference import build_reference_docx, reference_path

out = build_reference_docx(sys.argv[1] if len(sys.argv) > 1 else reference_path())
print(f"Zapisano szablon: {out}")
