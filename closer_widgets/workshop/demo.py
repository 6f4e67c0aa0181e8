"""A demo class: realistic made-up sessions for trying the counsellor view."""

from __future__ import annotations

import json
import random
import re
import tempfile
from pathlib import Path

from ..content import load_mistakes
from ..plan import ClosingPlan
from ..questions import add_from_bank, load_bank
from ..session import Session

# --- a demo class --------------------------------------------------------------
DEMO_NAMES = (
    "Maya Lindqvist",
    "Tomás Herrera",
    "Aisha Bello",
    "Jonas Weber",
    "Priya Nair",
    "Liam O'Connor",
    "Chen Wei",
    "Sofia Rossi",
    "Kwame Mensah",
    "Elif Demir",
    "Hana Sato",
    "Mateo Silva",
)
"""Invented participants of the demo class."""

_DEMO_JOBS = (
    ("Northwind Health", "Data Analyst"),
    ("Globex Logistics", "Operations Coordinator"),
    ("Brightwater Schools", "Teaching Assistant"),
    ("Fjord Software", "Junior Developer"),
    ("Harbour Bank", "Customer Service Lead"),
    ("Greenleaf Foods", "Procurement Officer"),
)
_DEMO_SENTENCES = {
    "thanks": "Thank you for your time today, {interviewer}; I enjoyed hearing how the team works.",
    "interest": (
        "I really want this job: the way {company} pairs new staff with mentors is exactly "
        "how I learned best in my last role."
    ),
    "skills": (
        "To sum up, I bring four years of experience in this field, I cut processing time by a "
        "fifth last year, and I train new colleagues."
    ),
    "concerns": (
        "You asked about my lack of experience with your software; I learned a similar tool in "
        "three weeks at my last job."
    ),
    "ask": "Is there anything about my background that would hold you back from moving me forward?",
    "next_steps": "What are the next steps, and when do you expect to make a decision?",
    "contact": "Could I have your email address so I can follow up?",
}
_DEMO_DETAILS = (
    "Hearing about the project you are starting next spring made the role even more concrete "
    "for me, because it is close to the work I enjoyed most in my last position.",
    "In my current job I look after the weekly figures for three teams, and I have learned to "
    "explain them in plain words to people who are not specialists.",
    "I also liked what you said about giving new people real responsibility early on, since "
    "that is when I have always done my best work.",
    "Last year I volunteered to organise our move to a new system, which meant training twenty "
    "colleagues and writing the guides they still use today.",
)
_DEMO_TONE = (
    "I guess I'm maybe kind of a good fit, I'm not sure.",
    "I really need this job, please, I'll do anything.",
)
_DEMO_ASKS = {
    "mild": "Is there anything else I can answer to help your decision?",
    "advance": "Have I done enough today to move on to the next round?",
    "bold": "Is there anything stopping you from offering me the job?",
}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "participant"


def _demo_plan(rng: random.Random, name: str, bank_ids: list, mistake_ids: list) -> ClosingPlan:
    company, role = rng.choice(_DEMO_JOBS)
    plan = ClosingPlan(participant=name, company=company, role=role, interviewer="Sam Patel")
    plan.stage = rng.choice(("first", "later", "final"))
    plan.interview_read = rng.choice(("well", "unsure", "rough"))
    plan.ask_level = rng.choice(("mild", "advance", "bold", ""))
    plan.ask_text = _DEMO_ASKS.get(plan.ask_level, "")
    kept = [e for e in _DEMO_SENTENCES if rng.random() < 0.75]
    sentences = [_DEMO_SENTENCES[e] for e in kept]
    # Some people add colour, some ramble: it spreads the speaking times around the target.
    for detail in rng.sample(_DEMO_DETAILS, rng.randint(0, len(_DEMO_DETAILS))):
        sentences.insert(rng.randrange(1, len(sentences) + 1), detail)
    if rng.random() < 0.15:
        sentences.insert(rng.randrange(len(sentences) + 1), rng.choice(_DEMO_TONE))
    plan.statement = " ".join(sentences).format(
        company=company, role=role, interviewer=plan.interviewer
    )
    for question_id in rng.sample(bank_ids, rng.randint(1, 4)):
        add_from_bank(plan, question_id)
    if rng.random() < 0.5:
        own = {
            "text": f"What would success look like in the first year for a {role}?",
            "source_id": "",
            "priority": "backup",
            "note": "",
        }
        plan.questions = [*plan.questions, own]
    attempts = []
    confidence = rng.randint(1, 3)
    for number in range(rng.randint(0, 3)):
        confidence = min(5, confidence + rng.randint(0, 1))
        attempts.append(
            {
                "seconds": round(rng.uniform(45, 110), 1),
                "said": [e for e in kept if rng.random() < 0.9],
                "mistakes": rng.sample(mistake_ids, rng.randint(0, 2)),
                "confidence": confidence,
                "at": f"2026-12-0{number + 1}T18:00:00+00:00",
            }
        )
    plan.rehearsals = attempts
    return plan


def demo_class(folder=None, n: int = 8, seed: int = 0, problems: bool = True) -> Path:
    """Write an invented class of ``n`` session files, for demos and benchmarks.

    Parameters
    ----------
    folder : str or PathLike, optional
        An existing folder to write into; a new temporary folder by default
        (removed when the Python process ends).
    n : int
        How many participants.
    seed : int
        The same seed gives the same files, byte for byte.
    problems : bool
        Also write two files a real class folder tends to hold: one cut short
        and one duplicate, to show how they are skipped.

    Returns
    -------
    Path
        The folder.
    """
    if folder is None:
        import atexit
        import shutil

        folder = tempfile.mkdtemp(prefix="closer-demo-class-")
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
    folder = Path(folder)
    rng = random.Random(seed)
    bank_ids = list(load_bank()["id"])
    mistake_ids = list(load_mistakes()["id"])
    written = []
    for index in range(n):
        name = DEMO_NAMES[index % len(DEMO_NAMES)]
        if index >= len(DEMO_NAMES):
            name = f"{name} {index // len(DEMO_NAMES) + 1}"
        session = Session(_demo_plan(rng, name, bank_ids, mistake_ids))
        session.saved_at = f"2026-12-0{index % 9 + 1}T09:00:00+00:00"  # fixed, for the seed
        text = json.dumps(session.to_dict(), indent=2, ensure_ascii=False) + "\n"
        path = folder / f"{_slug(name)}.json"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    if problems and written:
        raw = written[0].read_bytes()
        (folder / "unfinished.json").write_bytes(raw[: len(raw) // 2])
        (folder / f"{written[0].stem}_v2.json").write_bytes(raw)
    return folder


def demo_class_folder(folder=None, n: int = 6, seed: int = 0) -> Path:
    """A live workshop's class folder with ``n`` made-up hand-ins, to try the live view.

    Parameters
    ----------
    folder : str or PathLike, optional
        The folder to use (created when missing); a new temporary folder by default
        (removed when the Python process ends).
    n : int
        How many participants have handed in.
    seed : int
        The same seed gives the same sessions (the hand-in ids are random).

    Returns
    -------
    Path
        The folder.
    """
    from .class_folder import ClassFolder, new_key

    if folder is None:
        import atexit
        import shutil

        folder = tempfile.mkdtemp(prefix="closer-demo-class-folder-")
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
    class_folder = ClassFolder.create(folder)
    rng = random.Random(seed)
    bank_ids = list(load_bank()["id"])
    mistake_ids = list(load_mistakes()["id"])
    for index in range(n):
        name = DEMO_NAMES[index % len(DEMO_NAMES)]
        plan = _demo_plan(rng, name, bank_ids, mistake_ids)
        class_folder.seat(new_key()).hand_in(Session(plan))
    return class_folder.path
