"""Reproducible training pipeline for the shipped classifiers (needs the ``[train]`` extra).

Run with ``prompt-gateway train`` or ``make models``; see docs/models.md for what it builds.
"""
