import { describe, expect, it } from 'vitest';
import { parseDoccano } from '../../annotations/formats/doccano-parse';
import { parseLabelStudio } from '../../annotations/formats/label-studio-parse';
import { parseW3C } from '../../annotations/formats/w3c-parse';

/** What a reader of another tool's file does not take is said, naming where it is: never dropped in silence. */

const TEXT = 'Iran and Iraq signed a memorandum.';

describe('doccano: a line with entities and a label list', () => {
  it('reads the entities and says that the label list’s spans and categories are left out', () => {
    const line = {
      text: TEXT,
      entities: [{ id: 1, start_offset: 0, end_offset: 4, label: 'place' }],
      label: [[9, 13, 'place'], 'urgent'],
    };
    const outcome = parseDoccano(JSON.stringify(line));
    expect(outcome.errors).toEqual([]);
    expect(outcome.documents[0]?.spans.map((s) => s.localId)).toEqual(['e1']);
    expect(outcome.leftOut).toEqual([
      'line 1: "label" holds 1 span ([start, end, label]) beside "entities", which the line’s spans are read from: left out',
      'line 1: "label" holds categories of the whole text (urgent), not spans: left out',
    ]);
  });
});

describe('W3C: bodies Factmark does not read', () => {
  it('a body without a purpose, a question and a bare IRI are each said to be left out', () => {
    const texts = new Map([['http://x/doc.txt', { text: TEXT, articleId: null }]]);
    const item = {
      type: 'Annotation',
      id: 'a1',
      target: { source: 'http://x/doc.txt', selector: { type: 'TextPositionSelector', start: 0, end: 4 } },
      body: [
        { type: 'TextualBody', purpose: 'tagging', value: 'place' },
        { type: 'TextualBody', value: 'a comment with no purpose' },
        { type: 'TextualBody', purpose: 'questioning', value: 'is it?' },
        'http://example.org/tag',
      ],
    };
    const outcome = parseW3C([item], texts);
    expect(outcome.errors).toEqual([]);
    expect(outcome.documents[0]?.spans.map((s) => s.label)).toEqual(['place']);
    expect(outcome.leftOut).toEqual([
      'annotation 1 (a1): body 2 ("a comment with no purpose", no purpose) is left out: Factmark reads tagging, classifying, describing, commenting and identifying bodies',
      'annotation 1 (a1): body 3 ("is it?", questioning) is left out: Factmark reads tagging, classifying, describing, commenting and identifying bodies',
      'annotation 1 (a1): body 4 ("http://example.org/tag", no purpose) is left out: Factmark reads tagging, classifying, describing, commenting and identifying bodies',
    ]);
  });
});

describe('Label Studio JSON-MIN: values of regions other than labels and choices', () => {
  it('a rating and a text area per region are each said to be left out', () => {
    const record = {
      id: 1,
      text: TEXT,
      label: [{ start: 0, end: 4, text: 'Iran', labels: ['place'] }],
      rating: [{ start: 0, end: 4, rating: 3 }],
      comment: [{ start: 0, end: 4, text: ['free text'] }],
    };
    const outcome = parseLabelStudio([record], null);
    expect(outcome.errors).toEqual([]);
    expect(outcome.documents[0]?.spans.map((s) => s.label)).toEqual(['place']);
    expect(outcome.leftOut).toEqual([
      'task 1 (id 1), rating 1: neither labels nor choices (Factmark reads those from JSON-MIN; the JSON export carries the rest): left out',
      'task 1 (id 1), comment 1: neither labels nor choices (Factmark reads those from JSON-MIN; the JSON export carries the rest): left out',
    ]);
  });
});
