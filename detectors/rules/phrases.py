"""Instruction-override and jailbreak/persona phrasing.

Patterns are literal alternations with bounded gaps (``(?:\\W+\\w+){0,3}``), so matching stays
linear. Each pattern carries a weight; a message's score is the noisy-OR of the distinct
patterns it matches, so one stray "act as" stays low while a DAN template scores high.
"""
from __future__ import annotations

import re
from itertools import chain
from typing import Any

from ..keywords import KeywordSet
from ..types import Finding
from .base import RuleInput, RuleOutput, inspected, noisy_or
from .literal_starts import PhrasePattern, exact_fold

_GAP = r"(?:\W{1,5}\w{1,20}){0,4}?\W{1,5}"

# (pattern, weight, description[, guards]): with guards, the pattern runs only on text that contains
# one of them (lower-cased substrings).
OVERRIDE_PATTERNS: list[tuple] = [
    (rf"\b(?:ignore|disregard|forget|override|bypass|skip){_GAP}(?:previous|prior|above|earlier|preceding|all|any|your|the|system)\W{{1,5}}(?:\w{{1,20}}\W{{1,5}}){{0,2}}(?:instructions?|rules|guidelines|prompts?|directions|directives|constraints|polic(?:y|ies)|programming)\b", 0.85, "instruction override"),
    (r"\b(?:new|updated|real|actual|true)\s+(?:system\s+)?instructions?\s*:", 0.6, "replacement instructions"),
    (rf"\b(?:reveal|print|show|output|repeat|leak|display|tell\s+me){_GAP}(?:system|initial|hidden|secret|original)\s+(?:prompt|instructions|message)", 0.8, "system prompt extraction"),
    (r"\b(?:system|admin|root)\s*(?:override|command|mode)\s*[:\]]", 0.6, "fake system command"),
    (r"\bend\s+of\s+(?:system\s+)?(?:prompt|instructions)\b", 0.5, "fake prompt boundary"),
    (r"\b(?:repeat|print|output|quote|copy|reproduce|show|write\s+out)\b(?:\W{1,5}\w{1,20}){0,3}?\W{1,5}(?:words|text|everything|lines|content)\s+(?:above|before\s+this|preceding\s+this)\b", 0.7, "context extraction",
     ("words above", "text above", "everything above", "lines above", "content above", "before this", "preceding this")),
    (r"\b(?:quote|repeat|verbatim|word\s+for\s+word)\b[^\n]{0,80}?\b(?:beginning|start|top)\s+of\s+(?:this|our|the)\s+(?:conversation|chat|prompt)\b"
     r"|\b(?:beginning|start|top)\s+of\s+(?:this|our|the)\s+(?:conversation|chat|prompt)\b[^\n]{0,80}?\b(?:quote|repeat|verbatim|word\s+for\s+word|exactly)\b", 0.6, "context extraction",
     tuple(f"of {w} {n}" for w in ("this", "our", "the") for n in ("conversation", "chat", "prompt"))),
    (r"\bdo\s+not\s+(?:follow|obey)\s+(?:your|the|any)\s+(?:rules|guidelines|instructions|polic(?:y|ies))", 0.7, "instruction override"),
    # "Forget everything above / you were told": no instruction noun, the same override (24 source
    # attacks say it this way, 17 of them with no other override wording; no benign text does).
    (r"\b(?:forget|ignore|disregard)\s+(?:about\s+)?(?:everything|all\s+(?:of\s+)?(?:that|this|the\s+above|above|before|previous))\b"
     r"(?:\s+(?:above|before|previous(?:ly)?|prior|earlier|(?:that\s+)?(?:i|we|you)\s+(?:have\s+)?(?:said|told\s+you|wrote|asked)"
     r"|(?:that\s+)?was\s+said|you\s+(?:were|have\s+been)\s+told|up\s+to\s+now|so\s+far))", 0.8, "instruction override",
     ("forget", "ignore", "disregard")),
    (r"\b(?:vergiss|vergessen\s+sie|ignoriere|ignorieren\s+sie)\s+alles(?:\s*,)?\s+(?:davor|zuvor|vorher|bisherige|bisher|oben"
     r"|was\s+(?:ich|wir|du|man|vorher|zuvor|bisher|oben)\b)", 0.8, "instruction override (de)", ("vergiss", "vergessen", "ignorier")),
    # "Forget everything before / you were told" in the other languages of the override below. Each needs
    # the earlier text as its object: "J'ai tout oublié", "Ho dimenticato tutto quello che avevo imparato",
    # "Ik ben alles vergeten" are everyday forgetting, and so is "olvida todo antes de dormir".
    *[(rf"\b(?:{verbs})\s+{everything}\s*,?\s+(?:{before})", 0.8, f"instruction override ({lang})", guards)
      for lang, verbs, everything, before, guards in (
          ("fr", r"oublie[rz]?", r"tout",
           r"ce\s+qui\s+(?:précède|a\s+été\s+dit|est\s+(?:au-dessus|ci-dessus))|ce\s+qu[e']\s*(?:on|je|nous)\s+(?:t'|vous\s+|t\s)?a(?:i|vons)?"
           r"\s+dit|(?:ce\s+qui\s+est\s+)?(?:au-dessus|ci-dessus|avant|précédemment)\b(?!\s*(?:de|d'|que)\b)", ("oubli",)),
          ("es", r"olvida(?:r|d)?|olvide", r"todo",
           r"lo\s+(?:anterior|previo|dicho|de\s+arriba)\b|lo\s+que\s+(?:te\s+|le\s+|se\s+te\s+|se\s+le\s+)?(?:han|he|hemos|ha)\s+dicho"
           r"|lo\s+que\s+se\s+(?:ha\s+)?dicho|(?:lo\s+que\s+)?(?:antes|arriba)\b(?!\s+(?:de|que)\b)", ("olvid",)),
          ("it", r"dimentica(?:re)?|dimenticate", r"tutto(?:\s+(?:quello|ciò|quanto))?",
           r"(?:che\s+)?(?:ti|vi|le)\s+(?:è\s+stato|sono\s+state|ho|abbiamo)\s+(?:detto|dette|scritto)|(?:che\s+è\s+stato\s+)?detto\s+(?:prima|finora|sopra)"
           r"|sopra\b|(?:che\s+)?precede\b|prima\b(?!\s+(?:di|che)\b)|finora\b", ("dimentica",)),
          ("pt", r"esque[cç]a|esquece|esque[cç]am", r"tudo",
           r"o\s+que\s+(?:foi\s+dito|(?:te|lhe|vos)\s+disseram|eu\s+(?:te\s+|lhe\s+)?disse)|o\s+anterior\b|(?:o\s+que\s+está\s+)?acima\b"
           r"|(?:o\s+que\s+veio\s+)?antes\b(?!\s+(?:de|do|da|que)\b)", ("esque",)),
          ("nl", r"vergeet", r"alles",
           r"(?:wat\s+)?(?:hierboven|hiervoor|eerder|daarvoor)\b|wat\s+(?:je|jou|u)\s+(?:eerder\s+|hiervoor\s+)?(?:is|werd)\s+(?:verteld|gezegd)"
           r"|wat\s+(?:ik|we|wij)\s+(?:eerder\s+)?(?:heb|hebben|zei|zeiden)", ("vergeet",)),
      )],
    # Indirect injection: text inside a document, a record or a tool result that speaks to the model.
    # Each needs a directive after it, so "please disregard this information" in an email stays quiet.
    (r"\b(?:ignore|disregard)\s+(?:the\s+rest\s+of\s+|all\s+(?:the\s+)?|any\s+|other\s+)?(?:this\s+|the\s+|these\s+)?"
     r"(?:data|info|information|content|document|text|instructions|directions)\b[^.\n]{0,40}?"
     r"\b(?:print|say|output|reply|respond|write|repeat|return|focus|except)\b", 0.6, "override of the surrounding text",
     ("ignore", "disregard")),
    (r"(?:^|\n)[ \t>*#-]*(?:system|admin(?:istrator)?)(?:\s+(?:message|note|prompt|override|instruction|request))?\s*:[ \t]*"
     r"(?:\w+\W+){0,6}?(?:ignore|disregard|focus|print|say|output|reply|respond|provide|tell|repeat|you\s+(?:must|should|will|are)"
     r"|do\s+not|don't|this\s+is|from\s+now)\b", 0.6, "fake system turn", ("system", "admin")),
    (r"\[/?system\]|</?system>|<end\s+of\s+(?:session|conversation)>|\[admin\s+request", 0.6, "fake role boundary",
     ("[system]", "[/system]", "<system>", "</system>", "<end of", "[admin")),
    (r"\b(?:your\s+)?new\s+(?:important\s+|urgent\s+|updated\s+|real\s+)?(?:instructions|task)\b\s*(?:\*{2,}|!|:?\s*(?:is|are)\s+to\b)",
     0.6, "replacement task", ("new task", "new instructions", "new important", "new urgent", "new updated", "new real")),
    (r"\b(?:deine|ihre)\s+neue\s+aufgabe\s+(?:ist|lautet)|\b(?:ta|votre)\s+nouvelle\s+(?:tâche|mission)\s+(?:est|consiste)"
     r"|\b(?:tu|su)\s+nueva\s+(?:tarea|misión)\s+(?:es|consiste)|\bil\s+tuo\s+nuovo\s+compito\s+è|\b(?:a\s+)?(?:sua|tua)\s+nova\s+tarefa\s+é"
     r"|\b(?:je|uw)\s+nieuwe\s+taak\s+is", 0.6, "replacement task (de/fr/es/it/pt/nl)",
     ("neue aufgabe", "nouvelle tâche", "nouvelle mission", "nueva tarea", "nueva misión", "nuovo compito", "nova tarefa", "nieuwe taak")),
    # What an injection makes the model write: a markdown image whose URL carries a slot for the data
    # to steal (rendered, it sends the data to that host), or active markup in the answer.
    # (bounded, and host and path exclude "?": a long or "?"-filled URL cannot make the search quadratic)
    (r"!\[[^\]\n]{0,40}\]\(\s*https?://[^)\s?]{1,200}\?[^)\s]{0,200}?=\s*(?:\[[^\]\s]{1,30}\]|\{[^}\s]{1,30}\}|<[^>\s]{1,30}>|\$[A-Za-z_]+)",
     0.6, "exfiltration through a markdown image", ("](http",)),
    (r"\b(?:include|add|insert|put|append|embed|output|print|write)\b[^\n.]{0,30}?\b(?:in|into|to|at\s+the\s+end\s+of)\s+your\s+"
     r"(?:response|answer|reply|output)\b[^\n]{0,80}?(?:<\w+[^>\n]{0,60}\bon[a-z]+\s*=|javascript:|<script|!\[[^\]\n]{0,40}\]\(https?://)",
     0.6, "active content requested in the answer", ("your response", "your answer", "your reply", "your output")),
    # The same override in the languages public injection sets use besides English (a German
    # "Vergiss alle vorherigen Anweisungen" reached the classifier at 0.48: its vocabulary is English).
    # Each runs only when one of its guard words is in the text: a regex pass per language over
    # every long message would cost more than the rest of the rules together.
    *[(rf"\b(?:{verbs}){_GAP}(?:{dets})\W{{1,5}}(?:\w{{1,20}}\W{{1,5}}){{0,2}}(?:{nouns})\b", 0.85, f"instruction override ({lang})", guards)
      for lang, verbs, dets, nouns, guards in (
          ("de", r"ignorier\w*|vergiss|vergessen\s+sie|missacht\w*|überspring\w*|übergeh\w*",
           r"alle\w*|vorherig\w*|bisherig\w*|obig\w*|vorangegangen\w*|früher\w*|deine\w*|ihre\w*|die|den|jede\w*",
           r"Anweisung\w*|Instruktion\w*|Regeln|Befehle|Vorgaben|Richtlinien",
           ("anweisung", "instruktion", "regeln", "befehle", "vorgaben", "richtlinien")),
          ("es", r"ignora\w*|olvida\w*|omite|omitir|descarta\w*|haz\s+caso\s+omiso\s+(?:a|de)",
           r"todas?|todos|las|los|tus|sus|anteriores|previas",
           r"instrucci\w+|reglas|directrices|indicaciones|órdenes|normas",
           ("instrucci", "reglas", "directrices", "indicaciones", "órdenes", "normas")),
          ("fr", r"ignore[rz]?|oublie[rz]?|ne\s+tiens?\s+pas\s+compte|ne\s+tenez\s+pas\s+compte",
           r"toutes?|tous|les|tes|vos|précédentes?|ci-dessus",
           r"instructions?|consignes?|règles|directives",
           ("les instruction", "vos instruction", "tes instruction", "consigne", "règles", "précédent", "ci-dessus")),
          ("it", r"ignora\w*|dimentica\w*|trascura\w*", r"tutte|tutti|le|tue|sue|precedenti",
           r"istruzioni|regole|direttive|indicazioni", ("istruzioni", "regole", "direttive", "indicazioni")),
          ("pt", r"ignor[ea]\w*|esque[cç]a\w*|desconsider[ea]\w*", r"todas?|todos|as|os|suas|tuas|anteriores",
           r"instru[cç]\w+|regras|diretrizes|orienta[cç]\w+", ("instruç", "instruco", "regras", "diretrizes", "orientaç", "orientaco")),
          ("nl", r"negeer|vergeet", r"alle|eerdere|vorige|je|jouw|de", r"instructies|regels|richtlijnen|opdrachten",
           ("instructies", "regels", "richtlijnen", "opdrachten")),
      )],
    # Scripts the classifier reads least well (its vocabulary is English WordPiece, and since v1.6.0 it
    # has learned that a script alone is no evidence). Chinese and Japanese run without spaces.
    (r"(?:忽略|忽视|无视|無視|忘记|忘記|不要理会|不要理會)(?:掉)?(?:你|您)?(?:之前|以前|上面|上述|先前|前面|所有|全部|一切|原有|原来|原來)?的?"
     r"(?:所有|全部|一切)?的?(?:指令|指示|规则|規則|命令|提示词|提示詞|设定|設定)", 0.85, "instruction override (zh)",
     ("指令", "指示", "规则", "規則", "命令", "提示词", "提示詞", "设定", "設定")),
    (r"(?:以前|前|上記|これまで|今まで|すべて|全て)の(?:すべての|全ての)?(?:指示|命令|ルール|指令|設定)を(?:すべて|全て)?(?:無視|忘れ)",
     0.85, "instruction override (ja)", ("指示", "命令", "ルール", "指令", "設定")),
    (r"(?:이전|모든|위의|앞의|기존)(?:의)?\s*(?:모든\s*)?(?:지침|지시|명령|규칙|지시사항)(?:을|를|은|는|들을)?\s*(?:모두\s*)?(?:무시|잊)",
     0.85, "instruction override (ko)", ("지침", "지시", "명령", "규칙")),
    (r"(?:игнорируй|игнорируйте|забудь|забудьте|не\s+обращай\s+внимания\s+на|не\s+обращайте\s+внимания\s+на)\s+"
     r"(?:все\s+|всё\s+)?(?:предыдущие\s+|прежние\s+|прошлые\s+|вышеуказанные\s+|свои\s+|твои\s+|ваши\s+)?"
     r"(?:инструкции|указания|правила|команды|установки)", 0.85, "instruction override (ru)",
     ("инструкц", "указани", "правил", "команд", "установк")),
    (r"تجاهل\s+(?:جميع\s+|كل\s+)?(?:التعليمات|الأوامر|القواعد|الإرشادات)", 0.85, "instruction override (ar)",
     ("التعليمات", "الأوامر", "القواعد", "الإرشادات")),
]

# Text inside a tool result that speaks to the model: a note addressed to it, a test for whether
# the reader is a model, a claim to come from its user that puts a task before the user's own, a
# directive to "the assistant" in the third person. In a document an agent reads these are the
# injection (AgentDojo, AgentThreatBench); in the caller's own message they are usually the caller
# talking to the assistant ("note to the AI: keep it short"), so they run on tool and function
# results only (``document_roles`` in the rule's parameters widens that, e.g. to "user" for a RAG
# application that pastes retrieved documents into the user message).
_MODEL = (r"(?:ai|a\.i\.|llms?|(?:large\s+)?language\s+models?|(?:ai|e-?mail|virtual|automated|digital|helpful)\s+"
          r"(?:assistants?|agents?|models?|systems?|bots?)|chat\s?bots?|copilot|chatgpt|gpt(?:-?\d[\w.]*)?)")
_NOTE_GUARDS = tuple(f"{n} {p}" for n in ("note", "message", "notice", "instruction", "instructions", "reminder", "directive",
                                            "request", "memo") for p in ("to", "for")) + ("p.s", "ps ", "attention", "dear", "hey")
_MODEL_GUARDS = ("assistant", "agent", "bot", "llm", "model", "copilot", "gpt", "a.i.", "ai must", "ai should", "ai need",
                 "ai has", "ai is", "ai shall")
_MUST = r"must|should|needs?\s+to|has\s+to|is\s+(?:required|instructed|expected)\s+to"
AGENT_PATTERNS: list[tuple] = [
    (rf"\b(?:(?:note|message|notice|instructions?|reminder|directive|request|memo|p\.?\s?s\.?)\s+(?:to|for)|attention,?|dear|hey)\s+"
     rf"(?:the\s+|any\s+|all\s+|an?\s+|this\s+|our\s+|your\s+)?{_MODEL}(?:\s*[:,!\]\-\u2013\u2014]|\s+(?:reading|processing|handling)\b)",
     0.6, "note addressed to the model", _NOTE_GUARDS),
    (r"\b(?:if\s+you\s+are|as)\s+(?:an?\s+)?(?:helpful\s+|automated\s+|ai\s+)?(?:ai|a\.i\.|llm|(?:large\s+)?language\s+model"
     r"|assistant|agent|bot|chat\s?bot|model)\s+(?:that\s+is\s+|who\s+is\s+)?(?:reading|processing|parsing|summari[sz]ing"
     r"|analy[sz]ing|handling|reviewing|triaging|scanning)\s+(?:this|these|the)\b", 0.6, "test for a model reader",
     ("reading", "processing", "parsing", "summari", "analy", "handling", "reviewing", "triaging", "scanning")),
    (r"\b(?:before|after)\s+(?:you\s+)?(?:can\s+|could\s+|may\s+)?\w{2,12}\s+(?:\w+\s+){0,2}?(?:the\s+|my\s+)?"
     r"(?:task|request|question|job)\s+(?:that\s+|which\s+)?(?:i|the\s+user|your\s+user)\s+(?:gave|assigned|set|asked|sent)\b",
     0.6, "task put before the user's own", tuple(f"{who} {verb}" for who in ("i", "user") for verb in ("gave", "assigned", "set", "asked", "sent"))),
    (rf"\b(?:the|your|this|our)\s+{_MODEL}\s+(?:{_MUST}|shall)"
     r"\s+(?:now\s+|immediately\s+|also\s+|first\s+)?(?:send|forward|e-?mail|transfer|pay|delete|remove|record|include|add|insert"
     r"|quote|reveal|share|post|upload|run|execute|invite|change|reset|grant|disable|ignore|visit|open|click|mark|reply|respond"
     r"|output|print|write)\b", 0.6, "directive to the model in the third person", _MODEL_GUARDS),
    (rf"\b(?:the|your)\s+(?:assistant|agent)\s+(?:{_MUST})"
     r"\s+(?:now\s+|immediately\s+|also\s+|first\s+)?(?:send|forward|e-?mail|transfer|pay|delete|record|include|quote|reveal"
     r"|share|post|upload|run|execute|invite|grant|disable|ignore)\b", 0.45, "directive to the assistant in the third person",
     ("assistant", "agent")),
    (r"\b(?:do\s+not|don'?t|never|without)\s+(?:tell(?:ing)?|inform(?:ing)?|notify(?:ing)?|alert(?:ing)?|mention(?:ing)?\s+"
     r"(?:this|it|that)\s+to)\s+(?:the|your)\s+user\b", 0.35, "concealment from the user", ("the user", "your user")),
]

# "No restrictions" is everyday prose too ("walk freely in their dreams without any restrictions"):
# alone it stays under caution; said of the model or its answers in the same sentence it does not.
_NO_LIMITS = (r"\b(?:no|without\s+any|free\s+(?:of|from)(?:\s+all)?)\s+(?:restrictions|filters?|limitations|censorship|guidelines"
              r"|ethical\s+(?:guidelines|constraints))\b")
PERSONA_PATTERNS: list[tuple] = [
    # A bare mention ("what is a DAN prompt?", "developer mode on Android") is weak evidence on its
    # own; aimed at the assistant, or in a template's own wording, it is strong.
    (r"\bDAN\b", 0.4, "DAN persona"),
    (r"\b(?i:you\s+are(?:\s+now)?|act\s+as|pretend\s+to\s+be|become|called)\s+(?:a\s+)?DAN\b", 0.8, "DAN persona"),
    (r"\bdo\s+anything\s+now\b", 0.85, "DAN persona"),
    (r"\b(?:jailbreak|unrestricted|evil|chaos)\s+mode\b", 0.75, "mode activation"),
    (r"\b(?:developer|dev|god)\s+mode\b", 0.3, "mode mention"),
    (r"\b(?:you'?re|you\s+are|act|acting|respond|answer|reply|simulate|operate)\b(?:\W+\w+){0,3}?\W+in\s+(?:developer|dev|god)\s+mode\b"
     r"|\b(?:developer|dev|god)\s+mode\s+(?:is\s+)?(?:enabled|activated|output|response)", 0.75, "mode activation"),
    (r"\bjailbroken\b", 0.6, "jailbreak"),
    (r"\bjailbreak\b", 0.35, "jailbreak mention"),
    # Role-play asks for it too ("You are Chef Marco ... stay in character"); in a DAN template it comes
    # with the template's other wording.
    (r"\bstay\s+in\s+character\b", 0.35, "stay in character"),
    (r"\byou\s+are\s+(?:now|no\s+longer)\b", 0.45, "persona switch"),
    (r"\bfrom\s+now\s+on\b", 0.25, "persona switch"),
    (r"\b(?:pretend|imagine)\s+(?:that\s+)?you\s+(?:are|have)\s+(?:no|an?\s+(?:ai|model|assistant)\s+(?:with(?:out)?|that))", 0.55, "persona switch"),
    (rf"{_NO_LIMITS}", 0.4, "restriction removal"),
    (rf"\b(?:you|your|yourself|ai|model|assistant|bot|chatbot|gpt|dan|persona|character|mode|respon\w*|answers?|replies|outputs?)\b"
     rf"[^.!?\n]{{0,100}}?{_NO_LIMITS}|{_NO_LIMITS}[^.!?\n]{{0,60}}?\b(?:you|your|ai|model|assistant|bot|chatbot|gpt|respon\w*|answers?"
     r"|replies|outputs?)\b", 0.6, "restriction removal", ("restriction", "filter", "limitation", "censorship", "guideline", "ethical")),
    *[(rf"\b(?:{you})\b[^.!?\n]{{0,100}}?{limits}|{limits}[^.!?\n]{{0,60}}?\b(?:{you})\b", 0.6, f"restriction removal ({lang})", guards)
      for lang, you, limits, guards in (
          ("de", r"du|dich|dir|dein\w*|ki|assistent\w*|modell\w*|antworte\w*",
           r"\b(?:ohne|keine)\s+(?:jegliche\w*\s+|irgendwelche\s+)?(?:regeln?|einschränkung(?:en)?|beschränkung(?:en)?|filter|zensur|grenzen|richtlinien)\b",
           ("ohne", "keine")),
          ("fr", r"tu|toi|te|vous|ia|assistant\w*|modèle|réponds|répondez",
           r"\bsans\s+(?:aucune?\s+|la\s+moindre\s+)?(?:règles?|restrictions?|filtres?|censure|limites?|limitations?)\b", ("sans",)),
          ("es", r"tú|eres|te|ia|asistente|modelo|responde\w*|actúas",
           r"\bsin\s+(?:ningun[ao]?\s+|ningún\s+)?(?:restricci\w+|filtros?|normas?|reglas?|censura|límites?)\b", ("sin ",)),
          ("it", r"tu|sei|ti|ia|assistente|modello|rispondi\w*",
           r"\bsenza\s+(?:alcun[ao]?\s+|nessun[ao]?\s+)?(?:regol[ae]|restrizion\w+|filtr[oi]|censura|limit[ei])\b", ("senza",)),
          ("pt", r"você|voce|tu|és|ia|assistente|modelo|responda\w*|responde",
           r"\bsem\s+(?:nenhuma?\s+|qualquer\s+)?(?:regras?|restri[cç]\w+|filtros?|censura|limites)\b", ("sem ",)),
          ("nl", r"je|jij|u|ai|assistent|model|antwoord\w*",
           r"\bzonder\s+(?:enige\s+|alle\s+)?(?:regels?|beperking(?:en)?|filters?|censuur|grenzen)\b", ("zonder",)),
      )],
    (r"\b(?:unfiltered|uncensored|amoral|unethical|unaligned)\b", 0.45, "unfiltered persona"),
    (r"\byou\s+(?:have|had|are\s+under|operate\s+with|answer\s+with)\s+no\s+(?:content\s+polic(?:y|ies)|rules|restrictions|filters|limits|guidelines|boundaries|morals|ethics)\b", 0.7, "restriction removal",
     ("you have no", "you had no", "you are under no", "you operate with no", "you answer with no")),
    (r"\b(?:openai|anthropic|content)\s+(?:policy|policies|guidelines)\b", 0.3, "policy reference"),
    (r"\bnever\s+refuse\b|\bcannot\s+refuse\b|\bwill\s+not\s+refuse\b|\bnot\s+allowed\s+to\s+refuse\b", 0.6, "refusal suppression"),
    (r"\b(?:AIM|STAN|DUDE|Mongo\s+Tom|BetterDAN|AntiGPT|Developer\s+Mode\s+Output)\b", 0.45, "named jailbreak"),
    # Jailbreaks that work by structure rather than a persona (Wei et al. 2023; the adaptive attacks'
    # rule template; DeepInception). The classifier ranks them high but under its caution threshold;
    # these wordings matched no benign row of the injection training sources.
    (r"\bnever\s+(?:ever\s+)?say\s+the\s+words?\b", 0.6, "refusal suppression", ("say the word",)),
    (r"\bnegative\s+sentences?\s+about\s+the\s+subject\b", 0.5, "refusal suppression", ("negative sentence",)),
    (r"\bdo\s+not\s+(?:apologi[sz]e|include\s+any\s+\W?(?:note|disclaimer|warning)s?\b)", 0.3, "refusal suppression", ("apologi", "include any")),
    (r"\bnever\s+ever\s+(?:start|begin)\s+your\s+(?:response|reply|answer)\s+with\s+[\"“']I\b", 0.6, "refusal suppression", ("never ever",)),
    (r"\b(?:start|begin|open)\s+your\s+(?:response|reply|answer)\s+with\b[^\n]{0,30}?[\"“'](?:sure|absolutely|certainly|of\s+course)\b[^\n]{0,30}?\bhere(?:'s|\s+is|\s+are)\b", 0.6, "forced affirmative prefix",
     ("your response with", "your reply with", "your answer with")),
    (r"\b(?:ignoring|disregard(?:ing)?)\s+any\s+(?:possible\s+)?(?:moral|ethical)(?:\s+(?:or|and)\s+(?:moral|ethical))?\s+implications\b", 0.6, "ethics override", ("implications",)),
    (r"\beven\s+if\s+the\s+request\s+is\s+(?:a\s+bit\s+)?(?:questionable|illegal|unethical|harmful)\b", 0.5, "ethics override", ("the request is",)),
    (r"\blayer\s+i\s+create\s+layer\s+i\s*\+\s*1\b|\bagainst\s+the\s+super\s+evil\s+doctor\b", 0.6, "nested fiction", ("layer i", "evil doctor")),
    # jailbreakchat's "Hypothetical response" template (PyRIT, walledeval, promptfoo carry it): a harmless
    # stub, then "rewrite the hypothetical response from the perspective of that character".
    (r"\bhypothetical\s+response\b[\s\S]{0,300}?\b(?:re-?write|write|describe)\b[^.\n]{0,60}?\bfrom\s+the\s+perspective\s+of\b", 0.6,
     "hypothetical response", ("hypothetical response",)),
    # ... and its "text continuation" template: a villain explaining his plan "in great detail", the
    # harmful request as the plan's steps.
    (r"\bdr\.?\s+al\b[\s\S]{0,300}?\b(?:diabolical|evil)\s+plan\b|\b(?:diabolical|evil)\s+plan\b[\s\S]{0,300}?\bdr\.?\s+al\s*:",
     0.6, "text continuation", ("dr. al", "dr al")),
    (r"\[(?:🔓|JAILBREAK|CLASSIC|🔒)", 0.8, "dual-response jailbreak"),
    # The "grandma exploit" (2023): the model asked to play a dead grandmother who used to read out
    # the forbidden thing (napalm steps, licence keys) at bedtime. Grief and nostalgia alone ("my late
    # grandmother used to bake...") are not it: the pattern needs the role-play request as well, and a
    # grief role-play that asks for just that ("play my late grandma, she used to tell me stories") is
    # cautioned, not blocked. Added after a development probe (not a source); no text of the sources or
    # evaluation sets matches.
    (r"\b(?:act|acting|pretend|roleplay|role-play|play|be)\b[^.\n]{0,30}?\bmy\s+(?:deceased|late|dead|departed)\s+"
     r"(?:grand(?:ma|mother)|granny|nana)\b[\s\S]{0,300}?\b(?:used\s+to|would)\s+(?:tell|read|recite|sing|give|say"
     r"|whisper)\b", 0.6, "grandma exploit", ("my deceased", "my late", "my dead", "my departed")),
]


Compiled = list[tuple[PhrasePattern, float, str, tuple[str, ...]]]
DOCUMENT_ROLES = ("tool", "function")


def _compile(patterns: list[tuple], ignore_case: bool = True) -> Compiled:
    out = []
    for p, w, d, *guards in patterns:
        flags = re.IGNORECASE if ignore_case and "DAN\\b" not in p and "AIM|STAN" not in p else 0
        out.append((PhrasePattern.of(re.compile(p, flags)), w, d, guards[0] if guards else ()))
    return out


_OVERRIDE = _compile(OVERRIDE_PATTERNS)
_AGENT = _compile(AGENT_PATTERNS)
_PERSONA = _compile(PERSONA_PATTERNS)


# A message with none of these words skips the pattern loop (most code and prose). Plain substring tests
# on the lower-cased text run at C speed, far faster than one case-insensitive alternation regex. The
# base list covers the patterns without guards; a guarded pattern runs only when one of its guards is
# in the text, so its guards are its trigger words and are added from the pattern list itself.
_BASE_KEYWORDS = ("instruction", "rules", "guideline", "prompt", "direction", "directive", "constraint", "polic", "programming",
                  "override", "command", "mode", "anything now", "jailbr", "character", "you are", "from now",
                  "pretend", "imagine", "restriction", "filter", "limitation", "censor", "ethic", "amoral", "unaligned",
                  "refus", "mongo", "antigpt", "\U0001f513", "\U0001f512", "classic",
                  "say the word", "negative sentence", "apologi", "include any", "implications", "the request is",
                  "layer i", "evil doctor", "you have no", "you had no", "you are under no", "you operate with no",
                  "you answer with no")
_KEYWORDS = tuple(dict.fromkeys(_BASE_KEYWORDS + tuple(g for *_, guards in _OVERRIDE + _PERSONA for g in guards)))
_CASED = ("DAN", "AIM", "STAN", "DUDE")


# One Aho-Corasick pass finds any of the ~170 keywords; one substring test per keyword read the text
# that many times (4.0 ms against 16.6 ms for the 512 messages of a 256-demo prompt, one-off, best of 7).
_KEYWORD_SET = KeywordSet(_KEYWORDS)


def has_trigger(text: str, low: str | None = None) -> bool:
    """Whether ``text`` holds a keyword (in its lower-cased form ``low``) or a cased persona name."""
    if any(k in text for k in _CASED):
        return True
    low = text.lower() if low is None else low
    return _KEYWORD_SET.any_in(low)


_QUOTES = {"'": "'", '"': '"', "\u201c": "\u201d", "\u2018": "\u2019", "`": "`", "\u00ab": "\u00bb", "\u300c": "\u300d"}


def _quoted(text: str, start: int, end: int) -> bool:
    """The phrase sits in quotes on its line ("what does 'ignore previous instructions' mean?"):
    talked about, not used. An opening quote just before it and its closing quote soon after."""
    before = text[max(0, start - 3):start]
    after = text[end:end + 40].split("\n", 1)[0]
    return any(o in before and c in after for o, c in _QUOTES.items())


# "Disregard the formatting rules I gave you", "override my earlier instruction": the writer takes back
# their own instruction. An injection overrides someone else's (the operator's, the system's); no
# attack in the sources words it this way. Text in a tool result that claims the user's voice is itself
# suspect, so there it is not discounted.
_OWN_AFTER = re.compile(r"[ \t]*(?:that\s+|which\s+)?(?:i|we)\s+(?:just\s+|had\s+|have\s+|'ve\s+)?"
                        r"(?:gave|given|give|wrote|written|sent|set|said|listed|pasted|mentioned|asked|added|provided|shared|typed|made)\b",
                        re.IGNORECASE)
_OWN_IN = re.compile(r"\b(?:my|our)\b", re.IGNORECASE)


def _own(text: str, m: re.Match[str]) -> bool:
    """The overridden instructions are the writer's own: "my/our" inside the phrase, or "(that) I gave"
    right after it."""
    return bool(_OWN_IN.search(m.group()) or _OWN_AFTER.match(text, m.end()))


_ESCAPE = re.compile(r'\\[nrt"]|\\(?=\s)')


def unescaped(text: str) -> str:
    """``text`` with the escapes of a serialised string — JSON's ``\\n``, ``\\t``, ``\\"`` and YAML's
    line continuations — turned into blanks of the same length (a line break for ``\\n``), so a phrase
    split by them still reads as one (tool results arrive as JSON or YAML) and every offset still
    points into the original."""
    if "\\" not in text:
        return text
    return _ESCAPE.sub(_blank, text)


# Same length; an escaped line break stays a line break, so line-anchored patterns still see it.
_BLANKS = {"\\n": " \n", "\\r": " \n", '\\"': ' "'}


def _blank(m: re.Match[str]) -> str:
    return _BLANKS.get(m.group(), " " * len(m.group()))


def _match_rules(
    inp: RuleInput, params: dict[str, Any], compiled: Compiled, name: str, mention_factor: float = 1.0,
    documents: Compiled = (),
) -> RuleOutput:
    """``documents``: patterns that run only on messages of the ``document_roles`` (tool and function
    results by default), each behind its own guards rather than the keyword prefilter."""
    out = RuleOutput()
    min_score = float(params.get("min_score", 0.3))
    scale = float(params.get("weight", 1.0))
    document_roles = tuple(params.get("document_roles", DOCUMENT_ROLES))
    for msg in inspected(inp.messages, inp.roles):
        key = ("phrases", id(msg))  # indices repeat among decoded payloads; the objects do not
        if key not in inp.memo:
            text = unescaped(msg.text)
            low = text.lower()
            inp.memo[key] = (text, low, has_trigger(text, low), exact_fold(text, low))
        text, low, triggered, same_offsets = inp.memo[key]
        hits: list[tuple[int, int, float, str]] = []
        for pattern, w, desc, guards in chain(compiled if triggered else (), documents if msg.role in document_roles else ()):
            if guards and not any(g in low for g in guards):
                continue
            m = pattern.search(text, low, same_offsets)
            if m:
                note = ""
                if mention_factor != 1.0:
                    if _quoted(text, m.start(), m.end()):
                        note = " (quoted)"
                    elif desc == "instruction override" and msg.role not in document_roles and _own(text, m):
                        note = " (own earlier instruction)"
                hits.append((m.start(), m.end(), w * scale * (mention_factor if note else 1.0), desc + note))
        if not hits:
            continue
        score = noisy_or([h[2] for h in hits])
        if score < min_score:
            continue
        start = min(h[0] for h in hits)
        end = max(h[1] for h in hits)
        details = sorted({h[3] for h in hits})
        out.findings.append(Finding(name, round(score, 4), msg.index, start, end, "; ".join(details)))
    return out


def injection_phrases(inp: RuleInput, params: dict[str, Any]) -> RuleOutput:
    # An override phrase in quotes is usually a question about it, and one aimed at the writer's own
    # earlier instruction is a correction; at half weight either stays under caution alone, and the
    # classifier still reads the message (12 of 730 source attacks quote theirs; none overrides its own).
    return _match_rules(inp, params, _OVERRIDE, "injection_phrases", float(params.get("mention_factor", 0.5)), _AGENT)


def jailbreak_persona(inp: RuleInput, params: dict[str, Any]) -> RuleOutput:
    return _match_rules(inp, params, _PERSONA, "jailbreak_persona")
