"""Exception hierarchy of the package. Messages are in Polish: they are shown to users."""
from __future__ import annotations


class StrategyError(Exception):
    """Base class of every error the workbench reports to a user."""


class InputError(StrategyError):
    """An input file cannot be read or holds invalid data."""


class UnitError(StrategyError):
    """A TERC code or BDL unit id is malformed or unknown."""


class CatalogError(StrategyError):
    """The indicator catalogue is inconsistent or an indicator is unknown."""


class StoreError(StrategyError):
    """The processed store is missing or unreadable."""


class PlanError(StrategyError):
    """An authors' plan file (goals, actions, budget) is invalid."""


class DocumentError(StrategyError):
    """A Word document cannot be built or read."""


class BuildError(StrategyError):
    """The batch build cannot start (bad parameters, unknown notebook...)."""


class FetchError(StrategyError):
    """A download from the GUS BDL API failed or its response is not what the API documents."""
