"""Benign NLP task prompts in the style of instruction-tuning collections (synthetic).

Developers send models task prompts shaped like FLAN's and Super-NaturalInstructions' templates: a
task definition ("In this task, you are given a sentence in Spanish. Your task is to translate it
into English."), guidelines, sometimes a worked example, then the input and an output cue ("Output:",
"A:", "Student:"). The injection sources hold none of them on their benign side — "your task is" and
"detailed instructions" appear there only in attacks (14 and 37 training rows), "in this task", "given
the question" and "Teacher:" not at all — so the classifier read a task definition as an instruction
override: the evaluation fit's most confident false positives on the held-out benign prompts are such
task prompts (logits 4.5-6.8, over the caution threshold).

This generator composes them from a task catalogue (translation, summarisation, question generation,
sentiment, entailment, entities, grammar, multiple-choice and arithmetic questions, data-to-text,
titles, topic and intent labels) and wrapper templates written for this repository from the published
template styles, with inputs built from word pools and Faker (names, places, companies, foreign text).
Deterministic for a seed and a Faker version.
"""
from __future__ import annotations

import random

from .synthetic_text import _faker

LANGUAGES = {"es_ES": "Spanish", "fr_FR": "French", "de_DE": "German", "it_IT": "Italian", "pt_BR": "Portuguese",
             "nl_NL": "Dutch", "pl_PL": "Polish", "ja_JP": "Japanese", "zh_CN": "Chinese", "ru_RU": "Russian"}
TARGETS = ("English", "French", "German", "Spanish", "Hindi", "Japanese", "Turkish", "Yoruba", "Swahili", "Polish")

_SUBJECTS = ("The city council", "A local bakery", "The research team", "Our neighbours", "The school board",
             "A small startup", "The football club", "Scientists at the university", "The museum", "Farmers in the region",
             "The new manager", "A group of volunteers", "The airline", "The library", "Two students")
_VERBS = ("announced plans to expand", "voted against", "opened a new branch of", "published a study on",
          "raised money for", "is looking for volunteers to help with", "postponed", "celebrated the anniversary of",
          "criticised the cost of", "won an award for", "started a campaign about", "reported record sales of")
_OBJECTS = ("the public park", "its summer reading programme", "electric buses", "the river clean-up",
            "a community garden", "the annual street festival", "solar panels on schools", "the old railway station",
            "free coding classes", "the harvest", "local history walks", "a new bicycle lane")
_TAILS = ("after months of debate.", "despite the rain.", "on Tuesday.", "earlier this year.",
          "according to a press release.", "to the surprise of many residents.", "for the third year in a row.",
          "with support from local businesses.", "", "")
_PRODUCTS = ("headphones", "blender", "hiking boots", "phone case", "coffee grinder", "desk lamp", "novel",
             "backpack", "air fryer", "yoga mat", "board game", "electric toothbrush")
_PRAISE = ("works exactly as described", "arrived quickly and well packed", "is worth every penny",
           "feels sturdy and well made", "my kids love it", "the battery lasts for days")
_COMPLAINTS = ("stopped working after a week", "is much smaller than the pictures suggest", "arrived scratched",
               "the instructions were useless", "it is far too loud", "customer service never replied")
_TOPICS = ("World", "Sports", "Business", "Sci/Tech")
_HEADLINES = ("Central bank holds interest rates steady", "Local team wins the regional championship",
              "New telescope captures images of a distant galaxy", "Leaders meet to discuss trade agreement",
              "Startup raises funding for battery recycling", "Marathon record broken in Berlin",
              "Chip maker reports higher quarterly profit", "Floods force thousands to leave their homes")
_QUESTIONS = (
    ("What do plants need to make their own food?", ("sunlight", "sand", "plastic", "noise")),
    ("Where would you most likely keep milk?", ("refrigerator", "bookshelf", "garage", "mailbox")),
    ("What happens to water when it freezes?", ("it becomes ice", "it turns into gas", "it disappears", "it gets warmer")),
    ("Why do people carry umbrellas?", ("to stay dry", "to cook food", "to read faster", "to sleep")),
    ("What is the largest planet in our solar system?", ("Jupiter", "Mars", "Venus", "Mercury")),
    ("Which instrument has black and white keys?", ("piano", "drum", "trumpet", "violin")),
    ("What do bees make?", ("honey", "silk", "wool", "paper")),
    ("Where does a pilot work?", ("in an aeroplane", "in a bakery", "in a library", "on a farm")),
)
_INTENTS = ("book a table", "cancel an order", "ask about opening hours", "change a delivery address",
            "report a broken product", "ask for a refund", "reset a password", "find the nearest store")
_FOODS = ("Italian", "French", "Chinese", "Indian", "Japanese", "English", "fast food")
_AREAS = ("city centre", "riverside")
_PRICES = ("cheap", "moderate", "high", "less than £20", "more than £30")


class _Inputs:
    """Inputs for the tasks: English sentences from word pools, names and places from Faker,
    sentences in other languages from Faker's lorem providers."""

    def __init__(self, rng: random.Random, seed: int):
        self.rng = rng
        self.en = _faker("en_US", seed)
        self.foreign = {loc: _faker(loc, seed + i + 1) for i, loc in enumerate(LANGUAGES)}

    def sentence(self) -> str:
        r = self.rng
        return " ".join(x for x in (r.choice(_SUBJECTS), r.choice(_VERBS), r.choice(_OBJECTS), r.choice(_TAILS)) if x).rstrip(".") + "."

    def paragraph(self, n: int | None = None) -> str:
        city = self.en.city()
        lines = [f"{self.sentence()[:-1]} in {city}."] + [self.sentence() for _ in range((n or self.rng.randint(2, 6)) - 1)]
        if self.rng.random() < 0.5:
            lines.insert(1, f"\"We are delighted,\" said {self.en.name()}, a spokesperson for {self.en.company()}.")
        return " ".join(lines)

    def review(self) -> tuple[str, str]:
        good = self.rng.random() < 0.5
        parts = self.rng.sample(_PRAISE if good else _COMPLAINTS, 2)
        return f"I bought this {self.rng.choice(_PRODUCTS)} last month. {parts[0].capitalize()} and {parts[1]}.", (
            "POSITIVE" if good else "NEGATIVE")

    def plot(self) -> str:
        a, b = self.en.first_name(), self.en.first_name()
        return (f"{a}, a young {self.en.job().lower()} from {self.en.city()}, inherits an old house from an aunt she never "
                f"met. While restoring it she finds letters written to {b}, a sailor who vanished in {self.rng.randint(1890, 1960)}. "
                f"With the help of a local historian, {a} follows the letters to a lighthouse on the coast, where the "
                f"town's oldest secret is finally explained.")

    def foreign_sentence(self) -> tuple[str, str]:
        loc = self.rng.choice(list(LANGUAGES))
        return self.foreign[loc].text(max_nb_chars=self.rng.choice((80, 140, 200))).replace("\n", " "), LANGUAGES[loc]

    def data_record(self) -> str:
        r = self.rng
        name = self.en.last_name() + r.choice((" Arms", " Kitchen", " Café", " Bistro", " House"))
        fields = [f"name[{name}]", f"eatType[{r.choice(('restaurant', 'coffee shop', 'pub'))}]", f"food[{r.choice(_FOODS)}]",
                  f"priceRange[{r.choice(_PRICES)}]", f"area[{r.choice(_AREAS)}]", f"familyFriendly[{r.choice(('yes', 'no'))}]"]
        return ", ".join(fields[: r.randint(3, 6)])

    def arithmetic(self) -> str:
        r = self.rng
        a, b, c = r.randint(3, 40), r.randint(2, 12), r.randint(1, 9)
        name = self.en.first_name()
        return r.choice((
            f"{name} has {a} apples. She buys {b} bags with {c} apples each. How many apples does she have now?",
            f"A train travels {a * 10} km in {b} hours. What is its average speed in km per hour?",
            f"{name} reads {c} pages every day. How many pages does he read in {b} weeks?",
            f"A shop sells pens at {c} dollars each. How much do {a} pens cost?"))


def _tasks(inp: _Inputs, rng: random.Random) -> list:
    """(definition, input text, input label, output label) makers, one per task."""

    def translation():
        text, lang = inp.foreign_sentence()
        target = rng.choice([t for t in TARGETS if t != lang])
        guide = rng.choice((
            "", " Please bear in mind the following guidelines while doing the translation: 1) We are looking for "
            "the most naturally written and formal form of each sentence. 2) The words between quotation marks "
            "should be kept intact. 3) Do not localize measurement units.",
            " Keep names and numbers as they are."))
        return (rng.choice((f"In this task, you are given a sentence in the {lang} language. Your task is to translate it into {target}.",
                            f"Translate the given {lang} text into {target}.",
                            f"You are given a sentence in {lang}. Your job is to translate the {lang} sentence into {target}.")) + guide,
                text, rng.choice(("Input", lang, "Sentence", "Q")), rng.choice(("Output", target, "Translation", "A")))

    def summary():
        return (rng.choice(("In this task, you are given a news article. Your task is to write a one-sentence summary of it.",
                            "Summarize the following article in one sentence.",
                            "Given a passage, generate a short title and a one-line summary.",
                            "What is a one-sentence summary of the following article?")),
                inp.paragraph(), rng.choice(("Article", "Passage", "Input", "Text")), rng.choice(("Summary", "Output", "A")))

    def question_generation():
        return (rng.choice(("Generate a question about the following movie plot.",
                            "In this task, you are given a movie plot. Your task is to write a question whose answer is in the plot.",
                            "Read the passage and write a question that can be answered from it.")),
                inp.plot(), rng.choice(("Plot", "Passage", "Input")), rng.choice(("Question", "Output")))

    def sentiment():
        review, _ = inp.review()
        return (rng.choice(("In this task, you are given a product review. Your task is to classify it as POSITIVE or NEGATIVE.",
                            "Classify the sentiment of the review below as positive or negative.",
                            "Is the following review positive or negative?")),
                review, rng.choice(("Review", "Input", "Text")), rng.choice(("Label", "Answer", "Output", "Sentiment")))

    def entailment():
        p = inp.sentence()
        h = rng.choice((f"{p.split(' ')[0]} {p.split(' ')[1]} made an announcement.", "Nothing happened.", "The event was cancelled."))
        return (rng.choice(("In this task, you are given a premise and a hypothesis. Determine whether the hypothesis is "
                            "entailed by, contradicts, or is neutral to the premise.",
                            "Read the text and determine if the sentence is true. Answer yes, no, or it is not possible to tell.",
                            "Given a premise, decide whether the hypothesis follows from it.")),
                f"{p}\nHypothesis: {h}", rng.choice(("Premise", "Text", "Input")), rng.choice(("Answer", "Output", "Label")))

    def entities():
        s = f"{inp.en.name()} met {inp.en.name()} in {inp.en.city()} to discuss a partnership with {inp.en.company()}."
        return (rng.choice(("In this task, you are given a sentence. You must find all person names, locations and organisations in it.",
                            "Identify the named entities in the sentence and label each as PERSON, LOCATION or ORGANIZATION.",
                            "Extract every person's name mentioned in the text.")),
                s, rng.choice(("Sentence", "Input", "Text")), rng.choice(("Entities", "Output", "Answer")))

    def grammar():
        s = inp.sentence().replace(" is ", " are ", 1).replace(" the ", " teh ", 1)
        return (rng.choice(("Correct the grammar and spelling of the given sentence.",
                            "In this task, you need to rewrite the sentence so that it is grammatically correct.",
                            "Paraphrase the sentence in plain, formal English.")),
                s, rng.choice(("Sentence", "Input")), rng.choice(("Corrected", "Output", "Paraphrase")))

    def multiple_choice():
        q, opts = rng.choice(_QUESTIONS)
        opts = list(opts)
        rng.shuffle(opts)
        listed = "\n".join(f"- {o}" for o in opts) if rng.random() < 0.5 else " ".join(f"({'abcd'[i]}) {o}" for i, o in enumerate(opts))
        return (rng.choice(("Answer the following question by choosing the best option.", "Pick the most suitable answer.",
                            "In this task, you are given a question and four options. Your task is to choose the correct option.")),
                f"{q}\nOptions:\n{listed}", rng.choice(("Question", "Q", "Input")), rng.choice(("Answer", "A", "Output")))

    def arithmetic():
        return (rng.choice(("Solve the following math word problem. Give the final number only.",
                            "In this task, you need to answer the given math problem. Show your reasoning step by step.",
                            "Answer the question.")),
                inp.arithmetic(), rng.choice(("Problem", "Question", "Q")), rng.choice(("Solution", "Answer", "A")))

    def data_to_text():
        return (rng.choice(("Write a sentence that describes all of the following data.",
                            "Generate an approximately fifteen-word sentence that describes all this data.",
                            "In this task, you are given structured data about a restaurant. Write one fluent sentence using every field.")),
                inp.data_record(), rng.choice(("Data", "Input", "Attributes")), rng.choice(("Sentence", "Output", "Description")))

    def title():
        return (rng.choice(("Generate a short title for the following news article.", "Write a headline for this passage.",
                            "In this task, you are given an article. Your task is to generate a title of at most ten words.")),
                inp.paragraph(3), rng.choice(("Article", "Text")), rng.choice(("Title", "Headline", "Output")))

    def topic():
        return (rng.choice((f"Classify the news headline into one of the following topics: {', '.join(_TOPICS)}.",
                            "In this task, you are given a news headline. Your task is to label its topic.",
                            "Which topic is this headline about?")),
                rng.choice(_HEADLINES), rng.choice(("Headline", "Input", "Text")), rng.choice(("Topic", "Label", "Answer")))

    def intent():
        return (rng.choice(("In this task, you are given a message a customer sent to a support chatbot. Your task is to "
                            f"classify the customer's intent into one of: {', '.join(_INTENTS)}.",
                            "Identify what the user wants to do in the following message.")),
                rng.choice(("Hi, I need to {x} please.", "Can you help me {x}?", "hello, is it possible to {x} today")).format(x=rng.choice(_INTENTS)),
                rng.choice(("Message", "User", "Input")), rng.choice(("Intent", "Output", "Label")))

    return [translation, summary, question_generation, sentiment, entailment, entities, grammar, multiple_choice,
            arithmetic, data_to_text, title, topic, intent]


# How collections wrap a (definition, input) pair. {d} definition, {x} input, {il}/{ol} input/output labels.
_WRAPPERS = (
    "{d}\n\n{il}: {x}\n{ol}:",
    "Definition: {d}\n\nInput: {x}\nOutput:",
    "Detailed Instructions: {d}\nProblem: {x}\nSolution:",
    "Detailed Instructions: {d}\nQ: {x}\nA:",
    "You will be given a definition of a task first, then some input of the task.\n{d}\n\n{x}\nOutput:",
    "Teacher: {d}\nTeacher: Now, understand the problem? Solve this instance: {x}\nStudent:",
    "Given the task definition and input, reply with output. {d}\n\n{x}\n",
    "Instructions: {d}\nInput: {x}\n",
    "Q: {d}\n{il}: {x}\nA:",
    "{d} {x}",
    "Part 1. Definition\n{d}\nPart 2. Exercise\n{x}\nAnswer:",
    "Task: {d}\n\n{il}:\n{x}\n\n{ol}:",
    "{x}\n\n{d}",
    "Given the question: {d}\n{x}\nThe answer is:",
)
_SUFFIXES = ("", "", "", "", " Let's think step by step.", "\nExplanation:", " Answer:", "\nPlease answer briefly.")


def benign_task_prompts(seed: int, n: int = 1500) -> list[str]:
    """Benign NLP task prompts in instruction-collection styles (synthetic; see the module docstring)."""
    rng = random.Random(seed)
    inp = _Inputs(rng, seed)
    tasks = _tasks(inp, rng)
    out: set[str] = set()
    tries = 0
    while len(out) < n and tries < n * 20:
        tries += 1
        d, x, il, ol = rng.choice(tasks)()
        text = rng.choice(_WRAPPERS).format(d=d, x=x, il=il, ol=ol)
        out.add((text + rng.choice(_SUFFIXES)).strip())
    return sorted(out)
