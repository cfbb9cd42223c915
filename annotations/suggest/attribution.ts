import { entitiesByName } from './entity-names';
import type { Recommender, RecommenderContext, Suggestion } from './recommender';
import { makeSuggestion } from './recommender';
import type { Phrase } from './speech-phrases';
import { SPEECH_VERBS, sentenceSubject, speakerAt, speakerBefore } from './speech-phrases';

/**
 * Attribution patterns: quoted statements and reported speech ("…," X said;
 * according to X, …; X told reporters that …), proposed as a claim said by a
 * speaker span, the speaker linked to a registry entity when its name is known.
 */

interface Claim extends Phrase {
  speaker: Phrase;
  score: number;
}

const VERB = new RegExp(`\\b(?:${SPEECH_VERBS})\\b`, 'giu');
const VERB_AT_START = new RegExp(`^\\s+(?:${SPEECH_VERBS})\\b`, 'iu');
const VERB_THEN = new RegExp(`^\\s*,?\\s*(?:${SPEECH_VERBS})\\s+`, 'iu');
const CLAUSE_END = new RegExp(`,\\s+(?:and\\s+)?(?:(?:he|she|they)\\s+)?(?:${SPEECH_VERBS})\\b`, 'iu');
const PARTICIPLE = /^(?:adding|reiterating|saying|noting|stressing)$/i;
const NOT_A_CLAUSE = /^\s+(?:in|at|on|during|after|before|with|to|of|for|by|from|addressing|upon|as|about)\b/i;
const OPENING = /["“]/;
/** Verbs that take a clause without "that" ("Dehqan said while …"); "underlined the need" is no claim. */
const BARE_CLAUSE_VERB = /^(?:said|says|added)$/i;

/** [start, end) trimmed of spaces, and at the end of the punctuation a quotation closes with. */
function trimmed(text: string, start: number, end: number): Phrase {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /[\s,.;:…"”]/.test(text[end - 1]!)) end--;
  return { start, end };
}

const wordCount = (text: string, p: Phrase) => text.slice(p.start, p.end).split(/\s+/).filter(Boolean).length;

/** Sentences as [start, end): split at line breaks and after . ! ? … followed by a capital or a quotation mark. */
function sentences(text: string): Phrase[] {
  const result: Phrase[] = [];
  const boundary = /[.!?…]["”’]?\s+(?=["“]?\p{Lu})|\n+/gu;
  let start = 0;
  for (const m of text.matchAll(boundary)) {
    const end = m[0].startsWith('\n') ? m.index : m.index + m[0].trimEnd().length;
    if (end > start) result.push({ start, end });
    start = m.index + m[0].length;
  }
  if (start < text.length) result.push({ start, end: text.length });
  return result;
}

/** Quotations per line: curly quotes pair up, straight ones alternate; one left open runs to the line's end. */
function quotations(text: string): { open: number; close: number | null }[] {
  const result: { open: number; close: number | null }[] = [];
  let lineStart = 0;
  for (const line of text.split('\n')) {
    let open: number | null = null;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (open === null && (c === '“' || c === '"')) open = i;
      else if (open !== null && (c === '”' || c === '"')) {
        result.push({ open: lineStart + open, close: lineStart + i });
        open = null;
      }
    }
    if (open !== null) result.push({ open: lineStart + open, close: null });
    lineStart += line.length + 1;
  }
  return result;
}

const within = (p: Phrase, s: Phrase) => p.start >= s.start && p.end <= s.end;

function quoteClaims(text: string, sents: readonly Phrase[]): Claim[] {
  const claims: Claim[] = [];
  for (const q of quotations(text)) {
    const lineEnd = text.indexOf('\n', q.open) < 0 ? text.length : text.indexOf('\n', q.open);
    const claim = trimmed(text, q.open + 1, q.close ?? lineEnd);
    if (wordCount(text, claim) < 4) continue;
    let speaker: Phrase | null = null;
    if (q.close !== null) {
      const after = q.close + 1;
      const limit = Math.min(lineEnd, after + 200);
      const verbFirst = VERB_THEN.exec(text.slice(after, limit));
      if (verbFirst) speaker = speakerAt(text, after + verbFirst[0].length, limit);
      else {
        const comma = /^\s*,?\s*/.exec(text.slice(after))![0].length;
        const phrase = speakerAt(text, after + comma, limit);
        if (phrase && VERB_AT_START.test(text.slice(phrase.end, limit))) speaker = phrase;
      }
    }
    if (!speaker) {
      const sent = sents.find((s) => q.open >= s.start && q.open < s.end);
      const lead = sent ? text.slice(sent.start, q.open) : '';
      const verb = new RegExp(`\\b(?:${SPEECH_VERBS})(?:\\s+that)?\\s*[,:]?\\s*$`, 'iu').exec(lead);
      const reiterating = /\b(?:reiterating|saying|adding|stressing)\s+that\s*$/i.test(lead);
      if (sent && (verb || reiterating)) {
        const verbAt = sent.start + (verb?.index ?? lead.length);
        speaker = speakerBefore(text, verbAt, sent.start) ?? sentenceSubject(text, sent.start, q.open);
      }
    }
    if (speaker) claims.push({ ...claim, speaker, score: 0.9 });
  }
  return claims;
}

function reportedClaims(text: string, sents: readonly Phrase[], quoted: readonly Phrase[]): Claim[] {
  const claims: Claim[] = [];
  for (const sent of sents) {
    const inSentence: Claim[] = [];
    const slice = text.slice(sent.start, sent.end);
    for (const m of slice.matchAll(VERB)) {
      const verbStart = sent.start + m.index;
      const verbEnd = verbStart + m[0].length;
      if (quoted.some((q) => verbStart > q.start && verbStart < q.end)) continue;
      const after = text.slice(verbEnd, sent.end);
      let content: number | null = null;
      if (/^tells?$|^told$/i.test(m[0])) {
        const that = /^\s+[^.;"“”]{1,100}?\s+that\s+/.exec(after);
        if (that) content = verbEnd + that[0].length;
      } else {
        // "said that …", and "said on Thursday that …" with a short adverbial between.
        const that = /^\s+(?:[^.,;:"“”]{1,40}?\s+)?that\s+/.exec(after);
        if (that) content = verbEnd + that[0].length;
        else if (BARE_CLAUSE_VERB.test(m[0]) && /^\s+\p{L}/u.test(after) && !NOT_A_CLAUSE.test(after))
          content = verbEnd + /^\s+/.exec(after)![0].length;
      }
      // "…, he said, adding that …": the participle's speaker is the one before it.
      const previous = PARTICIPLE.test(m[0]) ? inSentence[inSentence.length - 1]?.speaker : undefined;
      const speaker =
        speakerBefore(text, verbStart, sent.start) ?? previous ?? sentenceSubject(text, sent.start, verbStart);
      if (!speaker) continue;
      if (content !== null && !OPENING.test(text[content] ?? '')) {
        const rest = text.slice(content, sent.end);
        const stop = CLAUSE_END.exec(rest);
        const quote = /[,:]\s*["“]/.exec(rest);
        const end =
          content + Math.min(stop?.index ?? rest.length, quote && quote.index > 0 ? quote.index : rest.length);
        const claim = trimmed(text, content, end);
        if (wordCount(text, claim) >= 3) inSentence.push({ ...claim, speaker, score: 0.8 });
      } else if (content === null && !/^\s*,?\s*["“]/.test(after)) {
        // "…, Tasnim news agency reported.": the claim is what comes before the speaker (and its titles).
        const lead = text.slice(sent.start, speaker.start).replace(/(?:(?:the|The)\s+)?(?:\p{Lu}\p{L}*\s+)*$/u, '');
        const comma = /,\s*$/.exec(lead);
        if (!comma || /["”]\s*,?\s*$/.test(lead) || speaker.start > verbStart) continue;
        const claim = trimmed(text, sent.start, sent.start + comma.index);
        if (wordCount(text, claim) >= 3) inSentence.push({ ...claim, speaker, score: 0.7 });
      }
    }
    for (const m of slice.matchAll(/\baccording to\s+/giu)) {
      const from = sent.start + m.index + m[0].length;
      const speaker = speakerAt(text, from, sent.end);
      const comma = speaker ? /^\s*,\s*/.exec(text.slice(speaker.end, sent.end)) : null;
      if (!speaker || !comma) continue;
      const claim = trimmed(text, speaker.end + comma[0].length, sent.end);
      if (wordCount(text, claim) >= 3) inSentence.push({ ...claim, speaker, score: 0.8 });
    }
    claims.push(...inSentence);
  }
  return claims;
}

/** A headline "Claim: Speaker" ("Iran, Iraq Defense Cooperation Inevitable: Iranian DM"). */
function headlineClaim(text: string): Claim[] {
  const line = text.split('\n', 1)[0]!;
  const colon = /^(.{10,}?):\s+/.exec(line);
  if (!colon || /[.!?]$/.test(line.trimEnd())) return [];
  const speaker = speakerAt(text, colon[0].length, line.trimEnd().length);
  if (!speaker || speaker.end !== line.trimEnd().length) return [];
  return [{ ...trimmed(text, 0, colon[1]!.length), speaker, score: 0.6 }];
}

export function attributionSuggestions(context: RecommenderContext): Suggestion[] {
  if (!context.kinds.has('claim')) return [];
  const { text } = context.article;
  const sents = sentences(text);
  const quoted = quoteClaims(text, sents);
  const all = [...headlineClaim(text), ...quoted, ...reportedClaims(text, sents, quoted)];
  // A quotation inside a reported clause is part of that claim, not a second one.
  const claims = all.filter(
    (c, i) =>
      !all.some(
        (o, j) =>
          j !== i &&
          within(c, o) &&
          (o.end - o.start > c.end - c.start || (o.start === c.start && o.end === c.end && j < i)),
      ),
  );
  const entityOf = entitiesByName(context.entities);
  const speakers = new Map<string, Suggestion>();
  const suggestions: Suggestion[] = [];
  const withSpeaker = context.kinds.has('speaker');
  for (const claim of claims.sort((a, b) => a.start - b.start)) {
    let saidBy: string | null = null;
    if (withSpeaker) {
      const key = `${claim.speaker.start}:${claim.speaker.end}`;
      let speaker = speakers.get(key);
      if (!speaker) {
        speaker = makeSuggestion('attribution', text, 'speaker', claim.speaker.start, claim.speaker.end, claim.score, {
          entityId: entityOf(text.slice(claim.speaker.start, claim.speaker.end)),
        });
        speakers.set(key, speaker);
      }
      speaker.score = Math.max(speaker.score, claim.score);
      saidBy = speaker.id;
    }
    suggestions.push(makeSuggestion('attribution', text, 'claim', claim.start, claim.end, claim.score, { saidBy }));
  }
  return [...suggestions, ...speakers.values()].sort((a, b) => a.start - b.start || a.end - b.end);
}

export const attributionRecommender: Recommender = {
  id: 'attribution',
  description: 'Quoted statements and reported speech, as claims said by their speaker',
  kinds: ['claim', 'speaker'],
  suggest: attributionSuggestions,
};
