"""strategy - warsztat strategii rozwiązywania problemów społecznych powiatu i gmin.

Pipeline: raw files (``ingest``) -> validated tidy store (``validate``, ``store``) -> diagnosis
(``analysis``, ``text``, ``charts``) -> Word documents (``documents``), driven by notebooks and the
batch runner (``batch``), with the consultation round-trip in ``consultation``.
"""
__version__ = "0.1.0"

DEMO_MARK = "DANE DEMONSTRACYJNE"
