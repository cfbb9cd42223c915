import { describe, expect, it } from 'vitest';
import { DEFAULT_TAGSET } from '../../../annotations/default-tagset';
import type { Annotation, Relation } from '../../../annotations/model';
import type { DescribeContext } from '../../../renderer/src/ArticleView/describe-annotation';
import { createDescribeContexts, describeContext } from '../../../renderer/src/ArticleView/describe-annotation';
import { STAMP, annotationOver, testEntity } from '../../support/store-records';

const TEXT = '"We will win," General Dehqan said in Tehran.';
const at = (needle: string) => ({ start: TEXT.indexOf(needle), end: TEXT.indexOf(needle) + needle.length });
const claim = annotationOver(TEXT, 'a1', 'c1', 'claim', at('"We will win,"'));
const speaker = annotationOver(TEXT, 'a1', 's1', 'speaker', at('General Dehqan'));
const place = annotationOver(TEXT, 'a1', 'p1', 'place', at('Tehran'));
const saidBy: Relation = {
  id: 'r1',
  articleId: 'a1',
  annotator: 'alice',
  type: 'said-by',
  from: 'c1',
  to: { kind: 'annotation', id: 's1' },
  createdAt: STAMP,
};

type Input = Parameters<typeof describeContext>[0];
const input = (annotations: Annotation[], relations: Relation[] = [saidBy], entities = [testEntity('e1', 'D')]) => ({
  kinds: DEFAULT_TAGSET.kinds,
  relationTypes: DEFAULT_TAGSET.relations,
  me: 'alice',
  annotations,
  relations,
  entities,
  events: [],
});
/** A context as plain data, to compare one made from the last with one made afresh. */
const plain = (c: DescribeContext) => ({
  byId: new Map(c.byId),
  relationsFrom: new Map(c.relationsFrom),
  relationsTo: new Map(c.relationsTo),
  entities: new Map(c.entities),
  events: new Map(c.events),
});

describe('describe contexts made from the last', () => {
  it('look up the same records as contexts made afresh, through additions, edits, removals and new links', () => {
    const next = createDescribeContexts();
    const moved = { ...speaker, end: speaker.end - 1 };
    const steps: Input[] = [
      input([claim, speaker]),
      input([claim, speaker, place]),
      input([claim, moved, place]),
      input([moved, place]),
      input([moved, place], []),
      input([claim, moved, place], [saidBy], [testEntity('e2', 'E')]),
    ];
    for (const step of steps) expect(plain(next(step))).toEqual(plain(describeContext(step)));
  });
});
