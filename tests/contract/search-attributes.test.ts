import { describe, expect, it } from 'vitest';
import type { SearchHit } from '../../annotations/contract';
import { fileOf } from '../support/interchange-store';
import { ok, refused } from './contract-cases';
import { useLabellingSession } from './labelling-session';
import { TRANSPORTS } from './transports';

const HIRED = '"These hired terrorists (ISIL) are pursuing the interests of the US and Israel in the region,"';
const HOPE = '"I hope this meeting heralds further cooperation in the future …"';

describe.each(TRANSPORTS)('the attribute filter compares by the attribute’s type, over %s', (_name, open) => {
  const s = useLabellingSession(open);
  const ids = async (query: object) =>
    (await ok<{ hits: SearchHit[] }>(s.send, 'search/query', query)).hits.map((h) => h.annotation?.id);

  it('"every claim marked false" finds the claims whose verdict is the string "false", imported ones included', async () => {
    const marked = await s.tag('claim', HIRED, undefined, { attributes: { verdict: 'false', checkWorthy: false } });
    const trueOne = await s.tag('claim', HOPE, undefined, { attributes: { verdict: 'true', checkWorthy: true } });
    const unset = await s.tag('claim', 'joint press conference');
    const text = 'Iraq denies it. The ministry said so.';
    const task = {
      data: { text },
      annotations: [
        {
          completed_by: 'bob',
          result: [
            {
              id: 'r1',
              from_name: 'label',
              to_name: 'text',
              type: 'labels',
              value: { start: 0, end: 15, text: 'Iraq denies it.', labels: ['claim'] },
            },
            {
              id: 'r1',
              from_name: 'claim.verdict',
              to_name: 'text',
              type: 'choices',
              value: { start: 0, end: 15, text: 'Iraq denies it.', choices: ['false'] },
            },
          ],
        },
      ],
    };
    const report = await ok<{ files: { skipped: string[] }[] }>(s.send, 'import/files', {
      format: 'label-studio',
      files: [fileOf('tasks.json', JSON.stringify([task]))],
    });
    expect(report.files[0]?.skipped).toEqual([]);
    const imported = (await ids({ annotator: 'bob' }))[0];

    const falseClaims = await ids({ kind: 'claim', attribute: { name: 'verdict', value: 'false' } });
    expect(falseClaims).toEqual([marked.id, imported]);
    expect(await ids({ kind: 'claim', attribute: { name: 'verdict', value: 'true' } })).toEqual([trueOne.id]);
    expect(await ids({ kind: 'claim', attribute: { name: 'verdict', value: null } })).toEqual([unset.id]);
    // A yes/no attribute: false, "no" and "false" all mean no; null is unset.
    for (const no of [false, 'no', 'false'])
      expect(await ids({ kind: 'claim', attribute: { name: 'checkWorthy', value: no } })).toEqual([marked.id]);
    expect(await ids({ kind: 'claim', attribute: { name: 'checkWorthy', value: true } })).toEqual([trueOne.id]);
    expect(await ids({ kind: 'claim', attribute: { name: 'checkWorthy', value: null } })).toEqual([unset.id, imported]);
  });

  it('a value the attribute cannot hold is refused, never guessed from its spelling', async () => {
    await s.tag('claim', HIRED, undefined, { attributes: { verdict: 'false' } });
    await refused(
      s.send,
      'search/query',
      { kind: 'claim', attribute: { name: 'verdict', value: false } },
      'invalid-argument',
      /Attribute "verdict" takes one of its options; got false/,
    );
    await refused(
      s.send,
      'search/query',
      { kind: 'claim', attribute: { name: 'checkWorthy', value: 'maybe' } },
      'invalid-argument',
      /Attribute "checkWorthy" is yes or no/,
    );
    await refused(
      s.send,
      'search/query',
      { kind: 'speaker', attribute: { name: 'verdict', value: 'false' } },
      'invalid-argument',
      /A speaker has no attribute "verdict"/,
    );
    expect(await ids({ attribute: { name: 'verdict', value: false } })).toEqual([]);
  });
});
