/** The annotation guidelines a new project starts with, for the default tagset. Markdown. */
export const DEFAULT_GUIDELINES = `# Annotation guidelines

These guidelines go with the default news fact-labelling tagset. Edit them to
fit your project: every annotator sees the same text in the Guidelines panel.

## Claims (key 1)

Tag a **claim**: a statement that something is, was or will be the case,
or a stated opinion, prediction or promise. Select the shortest span that
still states the claim on its own, usually one sentence or clause, with its
quotation marks if it is a quote.

- **Verdict**: what the evidence says. Leave *unverified* until checked; use
  *unverifiable* when no evidence could settle it, and *opinion* for value
  judgements that cannot be true or false.
- **Check-worthy**: would a fact-checker spend time on it? Yes for specific,
  consequential, checkable statements; no for trivia and pure rhetoric.
- **Claim type**: *factual* (about the world as it is or was), *opinion*,
  *prediction* (about the future), *promise* (a commitment by the speaker).
- Link every quoted claim to its **speaker** (relation *said by*).

## Speakers (key 2)

Tag the words that name who makes a statement: "General Dehqan",
"al-Obeidi", "the Iraqi defense minister". Tag pronouns ("he") only when no
name is in the same sentence. Link the speaker to its **entity**; pick the
suggested one when the name is a variant spelling ("Khalid" / "Khaled").

## Events (key 3)

Tag the **trigger**: the word or phrase that says the event happened
("signed", "meeting", "arrived"). Set its type, then add roles:
*agent* (who did it), *participant*, *place* and *time*. Link event mentions
that report the same real event, in any article, to one **event record**.

## Entity mentions (keys 4–7)

Tag names of **people** (4), **organisations** (5), **places** (6) and
**dates** (7). Do not include titles in a person's span unless they are part
of how the person is named ("Brigadier General Hossein Dehqan" is fine).
Different names of the same group ("ISIS", "ISIL", "Daesh") link to one
entity.

## Document labels

For every article, set its overall **stance** towards the events reported
and your judgement of its **reliability**.
`;
