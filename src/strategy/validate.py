"""Validation of input data: the public name of :mod:`strategy.ingest.validation`.

The validator is a step of the ingest stage (the load pipeline, :mod:`strategy.ingest.loading`,
runs it on what the readers found) and lives there; this module gives its functions to code
outside the stage - the notebooks check a stored frame with :func:`check_store_values`, the
``strategy ingest`` command names the rules (:data:`RULES`). The arrow runs one way: this module
imports ``strategy.ingest``, nothing in ``strategy.ingest`` imports this module.

In: the raw long frame of the readers, the indicator catalogue and the unit registry. Out:
``(frame, problems)`` from :func:`validate`; rules, the joining of a gmina's old and current code
(:func:`join_codes`) and the checks are described in :mod:`strategy.ingest.validation`.
"""
from __future__ import annotations

from .ingest.validation import (ATTR_FLAGS, POLAND, REQUIRED, RULES, SUM_TOLERANCE,
                                check_frame_consistency, check_powiat, check_powiat_sums,
                                check_store_values, default_years, infer_powiat, join_codes,
                                validate)

__all__ = ["ATTR_FLAGS", "POLAND", "REQUIRED", "RULES", "SUM_TOLERANCE", "check_frame_consistency",
           "check_powiat", "check_powiat_sums", "check_store_values", "default_years",
           "infer_powiat", "join_codes", "validate"]
