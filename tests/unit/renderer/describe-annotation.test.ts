import { describe, expect, it } from 'vitest';
import { DEFAULT_TAGSET } from '../../../annotations/default-tagset';
import type { Relation } from '../../../annotations/model';
import { describeAnnotation, describeContext } from '../../../renderer/src/ArticleView/describe-annotation';
import { STAMP, annotationOver, testEntity } from '../../support/store-records';

const TEXT = '"We will win," General Dehqan said in Tehran.';
const at = (needle: string) => ({ start: TEXT.indexOf(needle), end: TEXT.indexOf(needle) + needle.length });
const claim = annotationOver(TEXT, 'a1', 'c1', 'claim', at('"We will win,"'), {
  attributes: { verdict: 'opinion', checkWorthy: null, claimType: null },
});
const speaker = annotationOver(TEXT, 'a1', 's1', 'speaker', at('General Dehqan'), { entityId: 'e1' });
const bobs = { ...annotationOver(TEXT, 'a1', 'p1', 'place', at('Tehran')), annotator: 'bob' };
const gold = { ...speaker, id: 'g1', annotator: 'gold' };
const dehqan = testEntity('e1', 'Hossein Dehqan');
const saidBy: Relation = {
  id: 'r1',
  articleId: 'a1',
  annotator: 'alice',
  type: 'said-by',
  from: 'c1',
  to: { kind: 'annotation', id: 's1' },
  createdAt: STAMP,
};

const context = (relations: Relation[] = [saidBy]) =>
  describeContext({
    kinds: DEFAULT_TAGSET.kinds,
    relationTypes: DEFAULT_TAGSET.relations,
    me: 'alice',
    annotations: [claim, speaker, bobs, gold],
    relations,
    entities: [dehqan],
    events: [],
  });

describe('a span described for its tooltip and for screen readers', () => {
  it('names kind and layer, the values chosen (never the unset ones), and each link by the far end’s words', () => {
    expect(describeAnnotation(claim, context())).toEqual([
      'Claim · yours',
      'Verdict: opinion',
      'said by → “General Dehqan” (Hossein Dehqan)',
    ]);
    expect(describeAnnotation(speaker, context())).toEqual([
      'Speaker · yours',
      'Refers to Hossein Dehqan',
      '“"We will win,"” said by → this',
    ]);
  });

  it('names a chosen option by its label, as the tagset shows it', () => {
    const kinds = DEFAULT_TAGSET.kinds.map((k) =>
      k.kind === 'claim'
        ? {
            ...k,
            attributes: k.attributes.map((d) =>
              d.name === 'verdict' ? { ...d, optionDisplay: { opinion: { label: 'Opinion, not checkable' } } } : d,
            ),
          }
        : k,
    );
    expect(describeAnnotation(claim, { ...context(), kinds })[1]).toBe('Verdict: Opinion, not checkable');
  });

  it('names a colleague’s layer and gold', () => {
    expect(describeAnnotation(bobs, context())[0]).toBe('Place · bob');
    expect(describeAnnotation(gold, context())[0]).toBe('Speaker · gold');
  });

  it('says when a link’s target is gone rather than dropping the link', () => {
    const dangling = { ...saidBy, to: { kind: 'annotation' as const, id: 'missing' } };
    expect(describeAnnotation(claim, context([dangling]))).toContain('said by → a span that is gone');
  });

  it('names three values and counts the rest', () => {
    const many = {
      ...claim,
      attributes: { verdict: 'false', checkWorthy: false, claimType: 'factual', extra: 'x' },
    };
    const kinds = DEFAULT_TAGSET.kinds.map((k) =>
      k.kind === 'claim'
        ? {
            ...k,
            attributes: [
              ...k.attributes,
              { name: 'extra', label: 'Extra', type: 'text' as const, default: null, required: false },
            ],
          }
        : k,
    );
    const lines = describeAnnotation(many, { ...context(), kinds });
    expect(lines[1]).toMatch(/^Verdict: false; Check-worthy: no; .*; and 1 more$/);
  });
});
