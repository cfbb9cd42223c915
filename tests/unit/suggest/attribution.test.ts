import { describe, expect, it } from 'vitest';
import { DEFAULT_TAGSET } from '../../../annotations/default-tagset';
import { suggest } from '../../../annotations/suggest/run';

const ENTITIES = [{ id: 'lavrov', name: 'Sergei Lavrov', type: 'person' as const, aliases: ['Lavrov'] }];

/** Claims with the quote of the speaker each is said by. */
function attributed(text: string): [string, string | null][] {
  const found = suggest({
    article: { id: 'a', text },
    tagset: DEFAULT_TAGSET,
    entities: ENTITIES,
    settings: { recommenders: ['attribution'] },
  });
  const byId = new Map(found.map((s) => [s.id, s]));
  return found
    .filter((s) => s.kind === 'claim')
    .map((s) => [s.quote, s.saidBy === null ? null : (byId.get(s.saidBy)?.quote ?? null)]);
}

describe('attribution patterns', () => {
  it('find a quotation said by the speaker after it, linked to the registry', () => {
    const text = '“The talks will resume next week in Geneva,” Foreign Minister Sergei Lavrov said on Friday.';
    expect(attributed(text)).toEqual([['The talks will resume next week in Geneva', 'Sergei Lavrov']]);
    const found = suggest({ article: { id: 'a', text }, tagset: DEFAULT_TAGSET, entities: ENTITIES });
    expect(found.find((s) => s.kind === 'speaker')?.entityId).toBe('lavrov');
  });

  it('find reported speech: told … that, according to, and a trailing "X said"', () => {
    expect(attributed('The mayor told reporters that the bridge would reopen in May.')).toEqual([
      ['the bridge would reopen in May', 'mayor'],
    ]);
    expect(attributed('According to the Health Ministry, three hospitals were closed.')).toEqual([
      ['three hospitals were closed', 'Health Ministry'],
    ]);
    expect(attributed('Prices rose by four percent last year, the central bank spokesman said.')).toEqual([
      ['Prices rose by four percent last year', 'central bank spokesman'],
    ]);
  });

  it('find the speaker after a dateline and titles, with a time between the verb and "that"', () => {
    expect(
      attributed(
        'BERLIN (Reuters) - German Chancellor Olaf Scholz said on Thursday that Berlin would back new sanctions.\n\n' +
          'Spokesman Dmitry Peskov said the sanctions were illegal.',
      ),
    ).toEqual([
      ['Berlin would back new sanctions', 'Olaf Scholz'],
      ['the sanctions were illegal', 'Dmitry Peskov'],
    ]);
  });

  it('take "he said, adding that …" as two claims by the same speaker', () => {
    expect(attributed('The plan is sound, he said, adding that the budget was approved.')).toEqual([
      ['The plan is sound', 'he'],
      ['the budget was approved', 'he'],
    ]);
  });

  it('propose no claim for a speech verb without what was said, nor for a short quotation', () => {
    expect(attributed('She said in an interview on Monday.')).toEqual([]);
    expect(attributed('He called it “a mistake” and left.')).toEqual([]);
  });

  it('propose claims without speakers when the tagset has no speaker kind', () => {
    const tagset = {
      ...DEFAULT_TAGSET,
      kinds: DEFAULT_TAGSET.kinds.filter((k) => k.kind !== 'speaker'),
      relations: [],
    };
    const found = suggest({
      article: { id: 'a', text: '“We will not give up,” Lavrov said.' },
      tagset,
      settings: { recommenders: ['attribution'] },
    });
    expect(found.map((s) => [s.kind, s.quote, s.saidBy])).toEqual([['claim', 'We will not give up', null]]);
  });
});
