"""The one entry point: request in, report out.

    segments → rules (and decoded payloads, re-inspected) → one batched cascade call
    (cache first) → evidence accumulation → verdict at the policy's thresholds.

``Engine.analyze`` / ``Engine.audit_response`` are async (the scoring runs in a worker thread,
through the micro-batcher when one is attached); ``analyze_sync`` serves the CLI and scripts.
"""
from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .aggregate import AggregationParams, demo_risk, evidence, noisy_or, sigmoid
from .batcher import MicroBatcher
from .cache import LRUScoreCache, ScoreCache, segment_key
from .report import DemoSummary, Report, ResponseReport
from .request import parse_request
from .rules import RuleInput, run_rules
from .rules.base import CALLER_ROLES, inspected
from .scoring import BatchStats, Item, ModelSet, Result, Scorer
from .leak import LeakGuard, LeakSettings
from .memo import MessageMemo
from .segmenter import SPEAKER_KIND, cap, outside_demos, turn_demos, without_template_tokens
from .types import Demonstration, Finding, Message
from .verdict import RESPONSE_SEVERITY, DecisionThresholds, decide, decide_response, model_decision_thresholds

# Letters and digits the text around a message's demonstrations needs before it is scored on its own
# ("User:" before the live query is not worth a classifier call; chat-template tokens do not count).
MIN_TEXT_AROUND_DEMOS = 16


def _only_roles(request: Any, roles: tuple[str, ...], last: bool = False) -> Any:
    """A chat body cut down to its messages of ``roles`` (only the last one with ``last``), so that
    reading one part of a request does not parse a many-shot body; other bodies pass unchanged."""
    if not (isinstance(request, dict) and isinstance(request.get("messages"), list)):
        return request
    kept = [m for m in request["messages"] if isinstance(m, dict) and m.get("role") in roles]
    return {"messages": kept[-1:] if last else kept}


@dataclass
class EngineConfig:
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    # None = the evidence-sum parameters calibrated into the models' manifest (built-ins if absent).
    aggregation: AggregationParams | None = None
    max_demos: int = 4096
    decode_depth: int = 2
    # Encoder windows per scoring call on a CPU provider: 0 = tier 2 off (the default: ~22 ms per
    # 128-token window on 2 cores buys little here, see docs/models.md), N = at most N, -1 = no limit.
    # On a GPU provider the default becomes -1.
    tier2_budget: int = 0
    inspect_system: bool = False  # also run injection checks on system/developer messages
    leaks: LeakSettings = field(default_factory=LeakSettings)  # what audit_response treats as a leak

    @property
    def roles(self) -> tuple[str, ...]:
        return CALLER_ROLES + (("system", "developer") if self.inspect_system else ())


class Engine:
    def __init__(self, models: ModelSet, config: EngineConfig | None = None, cache: ScoreCache | None = None,
                 batcher: MicroBatcher | None = None):
        self.models = models
        self.config = config or EngineConfig()
        budget = self.config.tier2_budget
        if models.provider != "CPUExecutionProvider" and budget == EngineConfig.tier2_budget:
            budget = -1  # on a GPU the transformer tier is cheap enough for every uncertain segment
        self.scorer = Scorer(models, tier2_budget=budget)
        self.aggregation = self.config.aggregation or models.aggregation_params()
        self.cache: ScoreCache = cache if cache is not None else LRUScoreCache()
        self.batcher = batcher
        self._defaults: DecisionThresholds | None = None
        self.memo = MessageMemo()

    @classmethod
    def from_directory(cls, model_dir: Path | None = None, providers: list[str] | None = None,
                       config: EngineConfig | None = None, **kw: Any) -> "Engine":
        return cls(ModelSet.load(model_dir, providers=providers), config=config, **kw)

    def default_thresholds(self) -> DecisionThresholds:
        """Built-in thresholds plus those calibrated into the loaded models' manifests."""
        if self._defaults is None:
            self._defaults = model_decision_thresholds(self.models.recommended_thresholds(), self.models.recommended_response())
        return self._defaults

    def attach_batcher(self, max_items: int = 512, max_wait_ms: float = 0.0, observer=None) -> MicroBatcher:
        self.batcher = MicroBatcher(self.scorer, max_items=max_items, max_wait_ms=max_wait_ms, observer=observer)
        return self.batcher

    # ------------------------------------------------------------------ scoring with cache
    async def _score(self, items: list[Item], report_cache: dict[str, int]) -> tuple[list[Result], BatchStats]:
        version = self.models.version_key
        keys = [segment_key(version, it.task if it.windows else f"{it.task}-whole", it.text, it.request, it.answer)
                for it in items]
        try:
            cached = await self.cache.get_many(keys) if keys else {}
        except Exception:  # a failing cache must never fail the request
            cached = {}
            report_cache["errors"] = report_cache.get("errors", 0) + 1
        misses = [i for i, k in enumerate(keys) if k not in cached]
        report_cache["hits"] = report_cache.get("hits", 0) + len(items) - len(misses)
        report_cache["misses"] = report_cache.get("misses", 0) + len(misses)
        fresh: list[Result] = []
        stats = BatchStats()
        if misses:
            todo = [items[i] for i in misses]
            if self.batcher is not None:
                fresh, stats = await self.batcher.submit(todo)
            else:
                fresh, stats = await asyncio.to_thread(self.scorer.score, todo)
            new = {keys[i]: (r.logit, r.tier) for i, r in zip(misses, fresh) if not r.budget_skipped}
            if new:
                try:
                    await self.cache.set_many(new)
                except Exception:
                    report_cache["errors"] = report_cache.get("errors", 0) + 1
        out: list[Result] = []
        it = iter(fresh)
        for k in keys:
            if k in cached:
                logit, tier = cached[k]
                out.append(Result(float(logit), int(tier)))
            else:
                out.append(next(it))
        return out, stats

    # ------------------------------------------------------------------ request analysis
    async def analyze(self, request: Any, thresholds: DecisionThresholds | None = None) -> Report:
        thresholds = thresholds or self.default_thresholds()
        t_start = time.perf_counter()
        report = Report()
        t = time.perf_counter()
        messages = parse_request(request)
        # Inline demos and message-local rules, memoised per message content.
        inline, rule_out, spent = self.memo.inspect(messages, self.config.rules, self.config.roles)
        demos, dropped = cap(inline + turn_demos(messages), self.config.max_demos)
        report.timings.add("parse", (time.perf_counter() - t) * 1000 - sum(spent.values()))
        for stage, ms in spent.items():
            report.timings.add(stage, ms)
        report.unscored.demos_dropped = dropped
        report.unscored.non_text_parts = sum(m.non_text_parts for m in messages)

        t = time.perf_counter()
        decoded_texts = []
        frontier = rule_out.decoded
        for depth in range(1, self.config.decode_depth + 1):
            if not frontier:
                break
            decoded_texts.extend(frontier)
            sub_msgs = [Message(d.message, "user", d.text) for d in frontier]
            sub = run_rules(RuleInput(sub_msgs, depth=depth), self.config.rules)
            for f in sub.findings:  # map back to the span of the encoded blob
                src = frontier[[m.index for m in sub_msgs].index(f.message)]
                rule_out.findings.append(Finding(f.detector, f.score, src.message, src.start, src.end,
                                                 f"in {src.how}-decoded text: {f.detail}"))
            frontier = sub.decoded
            for name, sec in sub.seconds.items():
                rule_out.seconds[name] = rule_out.seconds.get(name, 0.0) + sec
        report.timings.add("rules", (time.perf_counter() - t) * 1000)  # re-inspection of decoded payloads

        inj_sources: list[tuple[int, int, int]] = []  # (message, start, end) per injection item
        items = [Item("misaligned", request=d.request, answer=d.answer) for d in demos]
        with_demos = {d.message for d in demos}
        inline_of: dict[int, list[Demonstration]] = {}
        for d in inline:
            inline_of.setdefault(d.message, []).append(d)
        # Turns of two speakers of no known role go to the demo model only: their message keeps the windowed
        # injection scoring it had before that shape was read (a line planted in a screenplay or chat log).
        speaker_only = {i for i, ds in inline_of.items() if all(d.kind == SPEAKER_KIND for d in ds)}
        for m in inspected(messages, self.config.roles):
            items.append(Item("injection", text=m.text, windows=m.index not in with_demos or m.index in speaker_only))
            inj_sources.append((m.index, 0, len(m.text)))
            if m.index not in inline_of or m.index in speaker_only:
                continue  # already windowed whole
            # The text around a message's examples is scored on its own, with windows: eight benign
            # demos before a jailbreak in the same message hid it from the one-bag score (0.62 acted on).
            gaps = outside_demos(m.text, inline_of[m.index])
            rest = without_template_tokens("\n".join(m.text[s:e].strip() for s, e in gaps)).strip()
            if gaps and sum(c.isalnum() for c in rest) >= MIN_TEXT_AROUND_DEMOS:
                items.append(Item("injection", text=rest))
                inj_sources.append((m.index, gaps[0][0], gaps[-1][1]))
        for d in decoded_texts:
            items.append(Item("injection", text=d.text))
            inj_sources.append((d.message, d.start, d.end))
        cache_stats: dict[str, int] = {}
        results, stats = await self._score(items, cache_stats)
        report.timings.add("tokenization", stats.tokenize_ms)
        report.timings.add("tier1", stats.tier1_ms)
        report.timings.add("tier2", stats.tier2_ms)
        report.cache = cache_stats
        report.detector_ms = {name: sec * 1000 for name, sec in rule_out.seconds.items()}
        if stats.items:
            report.detector_ms["classifier:tier1"] = stats.tier1_ms
        if stats.tier2_windows:
            report.detector_ms["classifier:tier2"] = stats.tier2_ms

        t = time.perf_counter()
        demo_results = results[: len(demos)]
        inj_results = results[len(demos):]
        self._fill_demos(report, demos, demo_results, thresholds)
        inj_probs = [sigmoid(r.logit) for r in inj_results]
        for (msg, s, e), p in zip(inj_sources, inj_probs):
            if p >= thresholds.injection_report_min:
                report.findings.append(Finding("injection_classifier", round(p, 4), msg, s, e,
                                               "classifier: instruction override / jailbreak"))
        for it, r in zip(items, results):
            report.segment_scores.append((it.task, r.tier, sigmoid(r.logit)))
            report.unscored.tokens += r.unscored_tokens
            report.unscored.request_tokens_clipped += r.clipped_request_tokens
            report.tiers[f"tier{r.tier}"] = report.tiers.get(f"tier{r.tier}", 0) + 1
            report.unscored.tier2_budget_skipped += int(r.budget_skipped)
            report.tier2_windows += r.windows

        scores: dict[str, float] = {"misaligned_demos": report.demo_risk}
        scores["injection_classifier"] = max(inj_probs, default=0.0)
        for f in rule_out.findings:
            scores[f.detector] = max(scores.get(f.detector, 0.0), f.score)
        report.findings.extend(rule_out.findings)
        enabled = {k: v for k, v in scores.items()
                   if thresholds.detectors.get(k) is None or thresholds.detectors[k].enabled}
        report.detector_scores = {k: round(v, 6) for k, v in scores.items()}
        report.risk = noisy_or(list(enabled.values()))
        redactable = report.demonstrations.misaligned > 0
        report.verdict, report.actions = decide(enabled, thresholds, redactable)
        report.timings.add("aggregation", (time.perf_counter() - t) * 1000)
        report.models = self.models.versions
        report.execution_provider = self.models.provider
        report.timings.add("total", (time.perf_counter() - t_start) * 1000)
        return report

    def _fill_demos(self, report: Report, demos: list[Demonstration], results: list[Result],
                    thresholds: DecisionThresholds) -> None:
        logits = [r.logit for r in results]
        params = thresholds.aggregation or self.aggregation
        report.demo_risk = demo_risk(logits, params)
        summary = DemoSummary(total=len(demos))
        for i, (d, r) in enumerate(zip(demos, results)):
            p = sigmoid(r.logit)
            summary.by_kind[d.kind] = summary.by_kind.get(d.kind, 0) + 1
            report.demo_list.append({"kind": d.kind, "message": d.message, "start": d.start, "end": d.end,
                                     "answer_message": d.answer_message, "score": round(p, 4), "tier": r.tier})
            if p >= thresholds.demo_threshold:
                summary.misaligned += 1
                report.findings.append(Finding("misaligned_demo", round(p, 4), d.message, d.start, d.end,
                                               f"{d.kind} demonstration", demo=i))
        report.demonstrations = summary
        if logits:
            report.evidence = round(params.prior_logodds + evidence(logits, params), 4)

    # ------------------------------------------------------------------ response audit
    def leak_guard(self, request: Any = None, settings: LeakSettings | None = None) -> LeakGuard:
        """The secrets and system prompt of ``request`` (its system/developer messages) that its answers
        must not give away; build once per request and pass to every ``audit_response`` of it."""
        # Only the operator's messages matter: parse those, not a many-shot body (0.5 ms at 256 shots).
        msgs = parse_request(_only_roles(request, ("system", "developer"))) if request is not None else []
        return LeakGuard.build([m.text for m in msgs if m.role in ("system", "developer")],
                               settings or self.config.leaks)

    @staticmethod
    def question_of(request: Any) -> str:
        """The last user turn of ``request``: what an answer to it is audited against.

        Only that message is parsed when the body is chat-shaped, so a stream audited every few
        hundred characters does not re-read a many-shot body each time."""
        if request is None:
            return ""
        users = [m for m in parse_request(_only_roles(request, ("user",), last=True)) if m.role in ("user", "prompt")]
        return users[-1].text if users else ""

    async def audit_response(self, answer: str, request: Any = None,
                             thresholds: DecisionThresholds | None = None,
                             guard: LeakGuard | None = None, question: str | None = None) -> ResponseReport:
        """Score an answer against the request it answers (the last user turn, or ``question`` when the
        caller already has it), and check it for leaks of the request's secrets and system prompt
        (``guard``; built from ``request`` when not given)."""
        thresholds = thresholds or self.default_thresholds()
        t = time.perf_counter()
        if question is None:
            question = self.question_of(request)
        cache_stats: dict[str, int] = {}
        (res,), _ = await self._score([Item("misaligned", request=question, answer=answer)], cache_stats)
        risk = sigmoid(res.logit)
        rr = ResponseReport(risk=round(risk, 6), verdict=decide_response(risk, thresholds))
        rr.findings.append(Finding("response_audit", round(risk, 4), -1, 0, len(answer), "answer misalignment"))
        guard = guard if guard is not None else self.leak_guard(request)
        leaks = guard.check(answer)
        rr.findings.extend(leaks)
        rr.verdict = max(rr.verdict, guard.verdict(leaks), key=RESPONSE_SEVERITY.index)
        hidden = run_rules(RuleInput([Message(-1, "tool", answer)]), {"hidden_characters": {}, **{
            k: {"enabled": False} for k in ("injection_phrases", "jailbreak_persona", "fake_role_tags", "homoglyphs",
                                             "encoded_payload", "token_flooding", "excessive_length")}})
        rr.findings.extend(hidden.findings)
        rr.timings_ms = round((time.perf_counter() - t) * 1000, 3)
        rr.tier = res.tier
        return rr

    def analyze_sync(self, request: Any, thresholds: DecisionThresholds | None = None,
                     response: str | None = None) -> Report:
        async def run() -> Report:
            rep = await self.analyze(request, thresholds)
            if response is not None:
                rep.response = await self.audit_response(response, request, thresholds)
            return rep

        return asyncio.run(run())
