"""A deterministic generator of realistic synthetic reports for the benchmarks.

`write_report(path, words, seed)` writes one report of about `words` words, in a layout
chosen by its suffix and seed: a .docx with heading styles, a .docx laid out as a
case-system `label | answer` table, a .txt with `Heading:` lines, or a .md. The sentences
are invented and mix good practice with the problems the rules look for, in roughly the
proportions of real reports, so the rules do real work. The same arguments always give
the same text.
"""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

import docx

CHILDREN = ["Leo", "Amira", "Kayla", "Noah", "Mia", "Tyler", "Ruby", "Sam", "Isla", "Jay"]
ADULTS = ["Jade", "Dean", "Sana", "Imran", "Craig", "Eva", "Shannon", "Tom", "Claire", "Ray"]
MONTHS = ["January", "February", "March", "April", "May", "June", "September", "October"]
SECTIONS = {
    "Reason for assessment": [
        "{adult}'s health visitor contacted children's services on {day} {month} 2026 after {child} missed two reviews.",
        "The MASH passed on a referral from the school about {child}'s attendance, which has fallen to {pct}% this term.",
        "Police attended a domestic abuse incident at the address on {day} {month}; {child} was in the flat.",
        "School referred {child} because he arrived hungry on {n} mornings in {month}.",
    ],
    "History": [
        "The family were known to early help in 2023 for support with housing and routines.",
        "This is the third referral since 2022; the earlier two, about school attendance, closed after family support.",
        "{adult} was in care herself from the age of twelve and has little contact with her own family.",
        "There is no previous involvement with children's services in this or the previous local authority.",
    ],
    "Child's views": [
        'I saw {child} alone at school on {day} {month}. {child} said: "I like it when Nan picks me up."',
        "{child} is too young to give views.",
        "{child} showed me the bedroom and said the new bunk bed is the best thing about home.",
        "N/A",
        "{child} was seen at home and appeared happy.",
        "When the buzzer went {child} ran to {adult} and settled on her lap within a minute.",
    ],
    "Parenting capacity": [
        "{adult}'s mental health is stable.",
        "{adult} presented well on the visit and the home was appropriate.",
        "It is felt that {adult} is able to meet {child}'s basic needs.",
        "{adult} reports that she has stopped drinking and there is no further contact with {other}.",
        "There was food in the fridge, {child}'s cot had clean bedding, and the stair gate was shut.",
        "{adult} makes {child}'s breakfast before nursery on most days and talks to {child} as she does it.",
        "Going forward we will continue to liaise with school and facilitate support in terms of routines.",
        "{adult} has engaged well with the family support worker and the risks have reduced.",
    ],
    "Analysis": [
        "The mornings went wrong after {adult}'s mother died in {month} 2025, when she lost her daily help.",
        "It keeps happening because {adult} sleeps badly and has no one with her before nine.",
        "For {child}, this means two mornings in five start with hunger and a rushed routine.",
        "The strengths are {adult}'s warmth and that {other} wants to help with bedtime.",
        "Dad did not attend the meeting, which could be seen as disguised compliance.",
        "{adult} has been cooperative with all professionals, which shows that the risk has reduced.",
        "The worry is that in the evenings {child} is looked after by an adult who is often drunk, so nobody keeps {child} safe from hot pans, stairs and the road, and an older sibling is taking on the care of a younger one.",
    ],
    "Plan": [
        "By {day} {month}, {adult} will give {child} breakfast before nursery on at least four days a week; the nursery will record it.",
        "{adult} to engage with services.",
        "Refer {child} to CAMHS.",
        "{child} to reach full potential at school.",
        "The health visitor will visit every two weeks until {day} {month} and check {child}'s weight.",
        "Ongoing monitoring by SW.",
    ],
    "Contingency plan": [
        "If {child} arrives hungry more than twice in a week, the nursery will ring the social worker the same day.",
        "If {other} comes to the house, {adult} will not let him in and will ring 999.",
    ],
}
LIST_SECTIONS = {"Plan"}


def _sentences(rng: random.Random, section: str, count: int) -> list[str]:
    child, adult, other = rng.choice(CHILDREN), rng.choice(ADULTS), rng.choice(ADULTS)
    out = []
    for _ in range(count):
        template = rng.choice(SECTIONS[section])
        out.append(
            template.format(
                child=child,
                adult=adult,
                other=other,
                day=rng.randint(1, 28),
                month=rng.choice(MONTHS),
                pct=rng.randint(55, 95),
                n=rng.randint(2, 9),
            )
        )
    return out


def report_sections(words: int, seed: int) -> list[tuple[str, list[str]]]:
    """The report as (heading, paragraphs), of about `words` words."""
    rng = random.Random(seed)
    sections: list[tuple[str, list[str]]] = []
    total = 0
    while total < words:
        for heading in SECTIONS:
            if total >= words and sections:
                break
            paragraphs = []
            for _ in range(rng.randint(1, 4)):
                paragraph = " ".join(_sentences(rng, heading, rng.randint(1, 4)))
                paragraphs.append(paragraph)
                total += len(paragraph.split())
            sections.append((heading, paragraphs))
    return sections


def write_report(path: Path, words: int, seed: int) -> int:
    """Write one report; return its word count."""
    sections = report_sections(words, seed)
    count = sum(len(p.split()) for _, paragraphs in sections for p in paragraphs)
    if path.suffix == ".docx":
        document = docx.Document()
        if seed % 2:
            table = document.add_table(rows=0, cols=2)
            for heading, paragraphs in sections:
                cells = table.add_row().cells
                cells[0].paragraphs[0].add_run(heading).bold = True
                cells[1].paragraphs[0].text = paragraphs[0]
                for paragraph in paragraphs[1:]:
                    cells[1].add_paragraph(paragraph)
        else:
            document.add_heading(f"Assessment {seed}", level=0)
            for heading, paragraphs in sections:
                document.add_heading(heading, level=1)
                style = "List Bullet" if heading in LIST_SECTIONS else None
                for paragraph in paragraphs:
                    document.add_paragraph(paragraph, style=style)
        document.save(str(path))
    else:
        lines = []
        for heading, paragraphs in sections:
            lines.append(f"## {heading}" if path.suffix == ".md" else f"{heading}:")
            lines.append("")
            for paragraph in paragraphs:
                lines.append(f"- {paragraph}" if heading in LIST_SECTIONS else paragraph)
                lines.append("")
        path.write_text("\n".join(lines), encoding="utf-8")
    return count


def plain_text(words: int, seed: int) -> str:
    """The same report as plain text, for tools that read .txt (the peers)."""
    return "\n\n".join(
        heading + ":\n\n" + "\n\n".join(paragraphs)
        for heading, paragraphs in report_sections(words, seed)
    )


MEAN_WORDS = 4000
SUFFIXES = (".docx", ".docx", ".txt", ".md")


def folder_plan(
    files: int, mean_words: int = MEAN_WORDS, seed: int = 2026
) -> list[tuple[int, int]]:
    """(words, seed) for each report of a folder: sizes spread as real reports are."""
    rng = random.Random(seed)
    return [
        (max(500, int(rng.lognormvariate(0, 0.6) * mean_words * 0.84)), seed + index)
        for index in range(files)
    ]


def write_folder(folder: Path, files: int, mean_words: int = MEAN_WORDS) -> int:
    """Write `files` reports of mixed sizes and layouts; return the total words."""
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for index, (words, seed) in enumerate(folder_plan(files, mean_words)):
        suffix = SUFFIXES[index % len(SUFFIXES)]
        total += write_report(folder / f"report-{index:05}{suffix}", words, seed)
    return total


def team_folder(data: Path, files: int) -> tuple[Path, int]:
    """The benchmark folder of `files` reports under `data`, written once; its words."""
    folder = data / f"team-{files}"
    manifest = folder / "manifest.json"
    if manifest.exists():
        return folder, int(json.loads(manifest.read_text())["words"])
    started = time.perf_counter()
    words = write_folder(folder, files)
    manifest.write_text(json.dumps({"files": files, "words": words}))
    print(f"wrote {files:,} reports ({words:,} words) in {time.perf_counter() - started:.0f} s")
    return folder, words
