"""Write the example reports in this folder (run `python examples/generate.py`).

Every report here is synthetic: the children, families, workers and places are invented,
and any likeness to a real case is chance. They are written the way practitioners write,
across the layouts assesslint reads:

  01  child and family assessment, good       .docx with heading styles
  02  child and family assessment, poor       .docx exported by a case system as a
                                              label | answer table, with content controls
                                              and a tracked change
  03  early help assessment, mixed            .txt
  04  pre-birth assessment, poor              .md
  05  child protection conference report,     .docx with no heading styles (bold labels)
      mixed
  06  Signs of Safety assessment, good        .md

The .docx files are built with the same WordprocessingML helpers as the tests
(tests/docx_factory.py) and saved with fixed dates, so running this again gives the same
bytes unless the content changes.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from docx_factory import build, dele, ins, p, r, sdt, tbl, tc, tr  # noqa: E402

# --- 01: a good child and family assessment, with Word heading styles -----------------

GOOD_CFA = [
    ("Title", "Child and Family Assessment: Leo Hartley"),
    ("Heading1", "Reason for assessment"),
    (
        None,
        "Leo's health visitor, Priya Shah, contacted children's services on 12 January "
        "2026. Leo (2) had missed two developmental reviews, and his mother, Jade, had told "
        "her that her mood had been low since Leo's grandmother died in October 2025.",
    ),
    ("Heading1", "Household and family"),
    (
        None,
        "Leo lives with his mother, Jade Hartley (23), in a two-bedroom council flat in "
        "Eastfield. Leo's father, Ryan Cole (26), lives in Northgate and has Leo every "
        "Saturday. Jade's partner, Dean Walsh (29), has stayed at the flat three or four "
        "nights a week since November 2025.",
    ),
    (
        None,
        "I met Dean on 20 January and 3 February 2026. He works early shifts at a "
        "warehouse, has no children of his own and has no police record. He plays with "
        "Leo and Leo goes to him for a cuddle. Dean's part in Leo's care is covered in the "
        "parenting section and the plan.",
    ),
    ("Heading1", "History"),
    (
        None,
        "Children's services had not worked with the family before. On 14 January 2026 I "
        "checked with the police, Leo's GP and the community mental health team. The "
        "police have no record of domestic abuse at this address or involving Dean or "
        "Ryan. Jade was treated for depression by her GP in 2021, after her grandfather "
        "died, and recovered within six months with medication and counselling.",
    ),
    ("Heading1", "Leo's views and lived experience"),
    (
        None,
        "Leo is two and says about twenty words, so I learnt about his day by watching him "
        "and by talking with the people who care for him. I visited three times, once at "
        "8am, and saw Leo on his own at nursery on 28 January.",
    ),
    (
        None,
        "At home, Leo went straight to his mother when the door buzzer made him jump, and "
        "he settled on her lap within a minute. He brought me his toy bus and laughed when "
        "I made it beep. At nursery he played with the sand tray next to another child and "
        "looked up for his key worker when she left the room.",
    ),
    (
        None,
        "His key worker, Ms Okafor, says Leo arrives hungry on about two mornings a week. "
        "On those days he eats two bowls of cereal, is quiet and cries when his mother "
        "leaves. On the other days he waves goodbye and runs to the cars. Leo's day goes "
        "best when he has had breakfast at home and a nap after lunch.",
    ),
    ("Heading1", "Child's developmental needs"),
    ("Heading2", "Health"),
    (
        None,
        "Leo's weight is on the 50th centile (20 January 2026) and his immunisations are "
        "up to date. His two-year review took place on 22 January 2026 after two missed "
        "appointments. His speech is a little behind: he uses about twenty words, where "
        "the health visitor would expect fifty.",
    ),
    ("Heading2", "Education"),
    (
        None,
        "Leo goes to Eastfield Nursery three mornings a week on a funded place. He has "
        "attended 92% of sessions since 5 January 2026.",
    ),
    ("Heading1", "Parenting capacity"),
    ("Heading2", "Basic care"),
    (
        None,
        "Leo's cot is clean, and there was food in the cupboards on every visit. On 3 "
        "February the kitchen sink was full of bottles, and Jade told me she had not been "
        "able to get up that morning until 10am.",
    ),
    ("Heading2", "Emotional warmth"),
    (
        None,
        "Jade is warm with Leo. On every visit she sang to him, praised him when he "
        "stacked his cups and comforted him straight away when he was upset.",
    ),
    ("Heading2", "Stability"),
    (
        None,
        "Leo has lived in the same flat since he was born and sees his father every week. "
        "Jade's mood is better than in December but not yet steady: on about two mornings "
        "a week she cannot get up, and these are the mornings Leo goes to nursery hungry.",
    ),
    ("Heading1", "Family and environmental factors"),
    (
        None,
        "Jade receives Universal Credit and has rent arrears of £400, which her housing "
        "officer is helping her to repay at £10 a week. Jade's sister, Chloe, lives ten "
        "minutes away and has offered to help on hard mornings.",
    ),
    ("Heading1", "Parents' views"),
    (
        None,
        "Jade said: \"I love him to bits. I just can't always get going in the morning, "
        "and I didn't want to ask anyone.\" She agrees with this assessment and the plan. "
        "Ryan wants to see more of Leo and has offered to take him to nursery on Mondays. "
        "Dean said he would help with breakfast when he is not on an early shift.",
    ),
    ("Heading1", "Strengths"),
    (
        None,
        "Jade and Leo are close, and Leo turns to her for comfort. Jade asked for help "
        "herself and has kept every appointment since January. Ryan is a reliable part of "
        "Leo's week, and Chloe lives nearby and wants to help.",
    ),
    ("Heading1", "Analysis"),
    (
        None,
        "The main worry is that on the mornings when Jade's depression is at its worst, "
        "Leo goes without breakfast and arrives at nursery hungry and upset.",
    ),
    (
        None,
        "This started after Jade's mother died in October 2025. Her mother used to come "
        "round every morning, so Jade lost her own mother and her daily help at the same "
        "time. It keeps happening because Jade sleeps badly, has no one with her before "
        "9am, and has felt ashamed to ask for help.",
    ),
    (
        None,
        "For Leo, this means that about two mornings in five start with hunger and a "
        "rushed, tense routine. At his age, repeated hunger and a carer who is sometimes "
        "low and withdrawn can slow his speech and make separations harder, and nursery is "
        "already seeing both.",
    ),
    (
        None,
        "There are real strengths. Jade is warm and quick to comfort Leo, she asked for "
        "help herself, and her GP and counselling are now in place. Ryan and Chloe are "
        "willing to help. On balance, I think Leo's needs can be met with support under a "
        "child in need plan, because the difficulty is specific to mornings and Jade is "
        "working with us. If Jade's mood worsens, or Leo keeps arriving hungry, the risk "
        "to his development would grow and we would need to think again.",
    ),
    ("Heading1", "Decision"),
    (
        None,
        "Leo is a child in need. The family will be offered support under a child in need "
        "plan, reviewed on 1 June 2026.",
    ),
]

GOOD_CFA_PLAN = [
    ("Outcome for Leo", "What will happen", "Who", "By when"),
    (
        "Leo has breakfast before nursery on every nursery day.",
        "Chloe will come round by 8am on Mondays and Wednesdays; Ryan will take Leo to nursery "
        "on Fridays. Nursery will record whether Leo has eaten and tell the social worker "
        "weekly.",
        "Jade, Chloe and Ryan",
        "From 2 March 2026",
    ),
    (
        "Leo uses at least 50 words.",
        "The health visitor will review Leo's speech at 27 months and book him into the speech "
        "and language drop-in if he uses fewer than 50 words.",
        "Priya Shah, health visitor",
        "By 30 April 2026",
    ),
    (
        "Leo's mornings at home are calm, with his mother up and dressed with him.",
        "Jade will see her GP monthly and go to weekly counselling. She will rate her mornings "
        "from 0 to 10 with the family support worker each Friday.",
        "Jade, with the family support worker",
        "Weekly until 1 June 2026",
    ),
]

GOOD_CFA_END = [
    ("Heading1", "Contingency plan"),
    (
        None,
        "If Leo arrives at nursery hungry on more than two days in any week, nursery will "
        "tell me the same day, and Chloe will take over the morning routine while we "
        "review the plan with Jade. If Jade tells anyone she feels unable to keep Leo "
        "safe, Chloe has agreed to care for Leo, and I will meet the family within two "
        "working days.",
    ),
    ("Heading1", "Date shared with parents"),
    (
        None,
        "This assessment was shared with Jade on 10 February 2026 and with Ryan on 11 "
        "February 2026.",
    ),
]


def write_good_cfa(path: Path) -> None:
    blocks = [p(text, style=style) if style else p(text) for style, text in GOOD_CFA]
    blocks.append(p("Plan", style="Heading1"))
    header, *rows = GOOD_CFA_PLAN
    blocks.append(
        tbl(
            tr(*(tc(p(cell, bold=True)) for cell in header), header=True),
            *(tr(*(tc(cell) for cell in row)) for row in rows),
            columns=4,
        )
    )
    blocks.extend(p(text, style=style) if style else p(text) for style, text in GOOD_CFA_END)
    build(path, *blocks)


# --- 02: a poor assessment, exported by a case system as a label | answer form -----------


def write_poor_export(path: Path) -> None:
    def row(label: str, *answer: str) -> str:
        return tr(tc(p(label, bold=True), shade=True), tc(*(sdt(block) for block in answer)))

    rows = [
        tr(tc(p("CHILD AND FAMILY ASSESSMENT", bold=True), span=2)),
        row("Child's name", p("Kayla Price")),
        row("Date of birth", p("14/05/2019")),
        row(
            "Reason for assessment",
            p(
                "Referral from MASH following a DV incident on 02/01/2026. Police attended the "
                "family home and Kayla was present. NFA by police."
            ),
        ),
        row(
            "Household",
            p(
                "Kayla lives with mum (Lisa Price, 31) and her brother Jayden (3). Mum's new "
                "partner Kyle has recently moved in."
            ),
        ),
        row("Child's views", p("N/A - Kayla is too young to give her views.")),
        row(
            "Parenting capacity",
            p(
                "Mum presented well on the visit and the home was appropriate. Mum reports that "
                "she has ended the relationship with dad and there is no further contact. It is "
                "felt that mum is able to meet Kayla's basic needs."
            ),
            p("Mum's mental health is stable."),
        ),
        row(
            "Analysis",
            p(
                "Mum attended the TAF meeting on 15/01/2026",
                ins(" and engaged well"),
                ". Mum stated that she understands the impact of DV on the children",
                dele(" and will not let dad back into the home"),
                ".",
            ),
            p(
                "Mum has been cooperative with all professionals and has attended every "
                "appointment, which shows that the risk has reduced. Kayla presented as happy "
                "at school. Dad did not attend the meeting, which could be seen as disguised "
                "compliance. Going forward we will continue to liaise with school and "
                "facilitate support in terms of mum's parenting."
            ),
        ),
        row(
            "Plan",
            p("Mum to engage with services.", style="ListBullet"),
            p("Refer Kayla to CAMHS.", style="ListBullet"),
            p("Mum to attend the Freedom Programme.", style="ListBullet"),
            p("Dad will stop contacting mum.", style="ListBullet"),
            p("Kayla to reach her full potential at school.", style="ListBullet"),
            p("Ongoing monitoring by SW.", style="ListBullet"),
        ),
        row(
            "Recommendation",
            p("Close to CSC and step down to EH. CIN plan not required as the risk is low."),
        ),
    ]
    build(path, tbl(*rows))


# --- 03: a mixed early help assessment, in plain text -----------------------------------

EARLY_HELP = """\
EARLY HELP ASSESSMENT
=====================

Child: Amira Begum (7)
School: Hillside Primary, Year 2
Completed by: Tom Reid, early help worker, 4 March 2026

Reason for assessment:
Hillside Primary asked for an early help assessment (EHA) because Amira's attendance has
fallen to 82% this school year and she is often late on Mondays.

Family:
Amira lives with her mother, Sana, and her father, Imran, who works nights at a bakery.
Her older brother, Zain (12), goes to Hillside Academy.

Child's views:
I saw Amira at school on her own on 24 February. She drew her family and put herself next
to her mum. She said: "Mondays are the worst because Mum is sad and Dad is asleep." She
likes reading with her teacher and wants to be in the school play.

Parents' views:
Sana told me she finds mornings hard since her back injury in September and that she
sometimes keeps Amira at home for company. Imran said he did not know how many days Amira
had missed.

Health:
Amira is well. She has had two eye tests and now wears glasses for reading.

Parenting capacity:
Sana and Imran are loving and want the best for Amira. Sana's mood is stable at the
moment, but she has said that the winter months are harder, and her GP will review her
pain relief and mood in April. Imran sleeps from 8am to 2pm, so Sana does the school run
alone.

I made contact with the school nurse by phone on 26 February to ask about Amira's
glasses.

Strengths:
Amira is close to her mother and enjoys school. Both parents came to the TAF meeting and
agreed to the plan.

Analysis:
Amira is missing school mainly on days when her mother is in pain and low. Because Sana
feels lonely in the mornings, she sometimes keeps Amira at home, and Amira has started to
worry about leaving her mum. For Amira this means she is falling behind with her reading
and is missing friendships she values, and she is learning that her mother needs looking
after.

Plan:
1. Sana will walk Amira to school by 8.50am on at least four days a week, starting 9 March 2026; school will text Tom each Friday with the week's attendance.
2. Amira will join the school reading club on Tuesdays and Thursdays from 10 March 2026, run by Mrs Patel.
3. Sana to engage with the family support worker.
4. Imran to be more involved.
5. Review at the TAF meeting on 20 April 2026.
"""

# --- 04: a poor pre-birth assessment, in Markdown ---------------------------------------

PRE_BIRTH = """\
# Pre-birth assessment

**Mother:** Shannon Reilly (19)
**Expected date of delivery:** 18/05/2026
**Worker:** SW, Eastfield Safeguarding Team

## Reason for assessment

Referral received from midwife at 20 weeks. Shannon's first child Ellie (2) is LAC and
lives with paternal grandmother under an SGO following PLO and care proceedings in 2024.

## Household

Shannon lives in a one-bedroom flat. Her partner Tom (22) is the father of the unborn baby
and stays most nights.

## History

Ellie was removed in 2024 due to neglect and DV between Shannon and Ellie's father. Shannon
was LAC herself from age 12 and was a care leaver until 2025.

## Child's views

N/A - unborn.

## Parenting capacity

Shannon presented well on the home visit and the flat was clean and tidy. Shannon reports
that she no longer uses cannabis and says that Tom does not use either. It is felt that
Shannon has learnt from what happened with Ellie. Shannon has engaged with all services and
has attended every midwife appointment, which shows that she is ready to parent.

Shannon's mental health is stable.

## Parents' views

Shannon said she wants to keep the baby and that things are different now.

## Analysis

Shannon attended the antenatal appointment on 12/02/2026. Shannon stated that she has a
good relationship with Tom. Shannon said that she is no longer in contact with Ellie's
father. The midwife reported that Shannon attended all appointments. Shannon has a cot and
some clothes for the baby.

## Plan

- Shannon to engage with the midwife and health visitor.
- Shannon to attend a parenting course.
- Refer to substance misuse service.
- Baby to be safe and well.
- Shannon will not use cannabis.
"""

# --- 05: a mixed conference report, with bold labels instead of heading styles ---------

CONFERENCE = [
    ("bold", "Report to initial child protection conference"),
    (
        "text",
        "Children: Mia Novak (9) and Noah Novak (4). Date of conference: 19 March 2026. "
        "Author: Hannah Green, social worker.",
    ),
    ("bold", "Reason for the conference"),
    (
        "text",
        "This report is for the initial child protection conference (ICPC) for Mia and "
        "Noah. Noah's nursery contacted the MASH on 23 February 2026 after he arrived "
        'with a burn on his hand and said "Daddy was asleep". A section 47 enquiry '
        "found that Noah had pulled a pan of hot water from the cooker while his father, "
        "Craig, was asleep after drinking.",
    ),
    ("bold", "Chronology of significant events"),
    (
        "text",
        "2019: Health visitor concerns about home conditions after Noah's birth; "
        "closed after three months of family support.",
    ),
    (
        "text",
        "March 2024: Police called to a row between Craig and Mia's mother, Eva; no "
        "further action.",
    ),
    ("text", "23 February 2026: Noah burnt his hand at home; Craig had been drinking."),
    ("bold", "Children's views"),
    (
        "text",
        'I saw Mia on her own at school on 2 March. She said: "When Dad drinks he '
        "falls asleep and I make Noah's tea.\" She said she is scared when her parents "
        "shout and that she hides in her room with Noah. She would like her dad to "
        '"stop drinking beer so he can play football again".',
    ),
    ("text", "Noah is too young to share his views."),
    ("bold", "Parenting capacity"),
    (
        "text",
        "Eva works evenings at a supermarket, so Craig looks after the children from 4pm "
        "to 10pm on five days a week. Craig told me he drinks about eight cans of lager "
        "on those evenings. Eva said she did not know how much Craig was drinking until "
        "Noah was hurt.",
    ),
    ("text", "The home was clean on both visits and there was food in the fridge."),
    ("bold", "Analysis"),
    (
        "text",
        "The worry is that in the evenings Mia and Noah are looked after by a father "
        "who is often drunk, so nobody keeps Noah safe from hot pans, stairs and the "
        "road, and Mia, who is nine, is taking on the care of her brother. Craig's "
        "drinking increased after he lost his job in 2025, and it continues because he "
        "drinks alone in the evenings when Eva is at work and no one else sees it. For "
        "Mia this means she is anxious, tired and missing out on being a child; for "
        "Noah it means he has already been hurt and could be hurt again.",
    ),
    ("bold", "Recommendation"),
    (
        "text",
        "I recommend that Mia and Noah become subject to a CP plan under the category of neglect.",
    ),
    ("bold", "Outline child protection plan"),
    (
        "list",
        "Craig will not drink alcohol while he is caring for Mia and Noah, from 19 March "
        "2026; he will be breathalysed at random visits by the social worker twice a "
        "week.",
    ),
    (
        "list",
        "Eva's sister, Kasia, will be at the house from 4pm to 10pm on the evenings Eva "
        "works, from 20 March 2026, until the first review conference.",
    ),
    ("list", "Craig to engage with the alcohol service."),
    (
        "list",
        "Mia will have a named adult at school, Mr Hughes, whom she sees every Monday "
        "morning to talk about how home is.",
    ),
    ("bold", "Contingency plan"),
    (
        "text",
        "If Craig is found to be drunk while caring for the children, a legal planning "
        "meeting will be held.",
    ),
]

# --- 06: a good Signs of Safety assessment, in Markdown --------------------------------

SIGNS_OF_SAFETY = """\
# Signs of Safety assessment: Tyler Grant (13)

Completed by Aisha Khan, social worker, with Tyler, his mother Claire Grant and his
grandfather Ray, on 6 March 2026.

## What are we worried about?

### Harm

Tyler has been missing overnight four times since 1 December 2025. On 14 February 2026 the
police found him in a flat in Westbridge with two adults, £300 in cash and a phone that was
not his.

### Danger statements

Aisha, Claire and the police are worried that adults who are not Tyler's friends are
using him to carry drugs and money. If nothing changes, we are worried that Tyler could be
hurt, arrested or made to owe money to people who will hurt him to get it back.

### Complicating factors

Claire works 12-hour shifts as a care assistant, and Tyler is often home alone after
school. Tyler has been excluded from school for five days this term.

## What's working well?

Tyler and his mum talk every evening, even when he is angry. Tyler told his grandad Ray
about the flat in Westbridge, and Ray took him straight to the police station. Claire has
called the police every time Tyler has not come home by 10pm, as agreed with the police on
5 December 2025.

## Tyler's views

Tyler said: "I'm not a drug dealer. They're just older lads who buy me food." Later, on
his own with me in the car, he said he owes one of them £200 and that "you can't just
stop". He wants to play for the under-14s again and to stay living with his mum.

## History

The family has not worked with children's services before. Tyler's father left when he
was eight and has had no contact since. Tyler's school attendance was 96% until September
2025, when he moved into Year 9 and his best friend moved away.

## Analysis

Tyler's going missing started in December 2025, when he began spending evenings with older
boys he met at the bus station after his best friend moved away and football training
stopped for the winter. It keeps going because he is alone after school, because the
adults give him food, money and a sense of belonging, and because he now believes he owes
them a debt.

For Tyler, this means he is in danger every time he goes missing: he is at risk of
violence, arrest and more debt, and he is missing school, football and time with his
family. The strengths are that Tyler still talks to his mum and his grandad, that Ray acted
quickly to protect him, and that Claire follows the missing-person plan every time.

On a scale where 10 means everyone is confident Tyler is safe from exploitation and 0
means he will be seriously harmed, Claire put us at 3, Ray at 4, Tyler at 7 and I put us
at 3.

## Safety goals

- Tyler is at home or with Ray by 7pm every evening, and every adult in his safety network
  knows where he is after school, for the next three months.
- Tyler goes to school every day and plays for the under-14s each Saturday from 1 April
  2026.

## Plan

| What will happen | Who | By when |
|---|---|---|
| Ray will pick Tyler up from school on the three days Claire works, and Tyler will stay at Ray's until Claire finishes. | Ray and Claire | From 9 March 2026 |
| The youth worker, Jordan Pike, will meet Tyler every Wednesday after school to talk about the debt and how to leave the group safely. | Jordan Pike | From 11 March 2026 |
| The football coach will restart Tyler's training on Thursday evenings. | Coach Dave Evans | By 1 April 2026 |

## Contingency plan

If Tyler is not home by 10pm, Claire will call the police and Ray straight away, as now.
If Tyler goes missing again, Aisha will hold a strategy discussion with the police within
one working day, and Tyler will stay with Ray for the following week, which Tyler has
agreed to.
"""


def write_conference(path: Path) -> None:
    blocks = []
    for kind, text in CONFERENCE:
        if kind == "bold":
            blocks.append(p(r(text, bold=True)))
        elif kind == "list":
            blocks.append(p(text, style="ListBullet"))
        else:
            blocks.append(p(text))
    build(path, *blocks)


def write_all(folder: Path) -> list[Path]:
    """Write every example report into `folder`; return their paths."""
    paths = {
        name: folder / name
        for name in (
            "01-child-and-family-assessment-good.docx",
            "02-case-system-export-poor.docx",
            "03-early-help-assessment-mixed.txt",
            "04-pre-birth-assessment-poor.md",
            "05-conference-report-mixed.docx",
            "06-signs-of-safety-good.md",
        )
    }
    names = iter(paths.values())
    write_good_cfa(next(names))
    write_poor_export(next(names))
    next(names).write_text(EARLY_HELP, encoding="utf-8", newline="\n")
    next(names).write_text(PRE_BIRTH, encoding="utf-8", newline="\n")
    write_conference(next(names))
    next(names).write_text(SIGNS_OF_SAFETY, encoding="utf-8", newline="\n")
    return list(paths.values())


if __name__ == "__main__":
    for written in write_all(HERE):
        print(f"wrote {written.relative_to(HERE.parent)}")
