"""Analysis of the tidy store: derived rates, powiat aggregates, comparisons, trends, forecasts
(prognoza zmian) and problem ranking. Pure functions of frames; no documents, no charts.
"""
