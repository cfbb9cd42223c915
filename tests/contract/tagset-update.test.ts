import { describe, expect, it } from 'vitest';
import type { SessionStatus, TagsetUpdate } from '../../annotations/contract';
import type { ArticleLayer, DocumentLabels } from '../../annotations/model';
import type { Tagset } from '../../annotations/tagset';
import { FIRST, ok, refused } from './contract-cases';
import { A001, useLabellingSession } from './labelling-session';
import { TRANSPORTS } from './transports';

const HIRED = '"These hired terrorists (ISIL) are pursuing the interests of the US and Israel in the region,"';
const HOPE = '"I hope this meeting heralds further cooperation in the future …"';

type Attribute = Tagset['documentLabels'][number];

/** A layer with its labellings in annotator order: undo and redo put a labelling back at the end of its list. */
const byAnnotator = (layer: ArticleLayer) => ({
  ...layer,
  documentLabels: [...layer.documentLabels].sort((a, b) => a.annotator.localeCompare(b.annotator)),
});

const editKind = (tagset: Tagset, kind: string, edit: (k: Tagset['kinds'][number]) => object): Tagset =>
  ({ ...tagset, kinds: tagset.kinds.map((k) => (k.kind === kind ? { ...k, ...edit(k) } : k)) }) as Tagset;
const editAttribute = (tagset: Tagset, kind: string, name: string, edit: object): Tagset =>
  editKind(tagset, kind, (k) => ({ attributes: k.attributes.map((a) => (a.name === name ? { ...a, ...edit } : a)) }));
const editLabel = (tagset: Tagset, name: string, edit: (l: Attribute) => object): Tagset =>
  ({
    ...tagset,
    documentLabels: tagset.documentLabels.map((l) => (l.name === name ? { ...l, ...edit(l) } : l)),
  }) as Tagset;
const withoutOption = (option: string) => (a: Attribute) =>
  'options' in a ? { options: a.options.filter((o) => o !== option) } : {};

describe.each(TRANSPORTS)('tagset/update over %s', (_name, open) => {
  const s = useLabellingSession(open);
  const tagsetNow = async () => (await ok<SessionStatus>(s.send, 'store/status', {})).tagset;
  const labelsOf = async (articleId = FIRST) =>
    byAnnotator(await s.layer(articleId)).documentLabels.map((d) => d.labels);
  const both = async () => [byAnnotator(await s.layer()), byAnnotator(await s.layer(A001))];

  it('migrates a dropped article label, says how many labellings it touched, and undo restores both', async () => {
    const original = await tagsetNow();
    await s.mutate('documentLabels/set', { articleId: FIRST, labels: { stance: 'critical', reliability: 'mixed' } });
    await s.mutate('documentLabels/set', { articleId: A001, labels: { stance: 'neutral' } });
    await s.reopen('bob');
    await s.mutate('documentLabels/set', { articleId: FIRST, labels: { reliability: 'reliable' } });
    const before = await both();

    const { value, changeSet } = await s.mutate<TagsetUpdate>('tagset/update', {
      tagset: { ...original, documentLabels: original.documentLabels.filter((l) => l.name !== 'reliability') },
    });
    expect(value.migrated).toEqual(['removed article label "reliability" from 3 article labellings']);
    expect(changeSet.changes.map((c) => c.type)).toEqual([
      'documentLabels',
      'documentLabels',
      'documentLabels',
      'tagset',
    ]);
    expect(await labelsOf()).toEqual([{ stance: 'critical' }, { stance: null }]);
    expect(await labelsOf(A001)).toEqual([{ stance: 'neutral' }]);
    const migrated = await both();

    // The labellings stay editable, and their own undo and redo still apply.
    const { changeSet: relabel } = await s.mutate<DocumentLabels>('documentLabels/set', {
      articleId: FIRST,
      labels: { stance: 'supportive' },
    });
    await s.undo(relabel);
    expect(await labelsOf()).toEqual([{ stance: 'critical' }, { stance: null }]);
    await s.redo(relabel);
    await s.undo(relabel);

    await s.undo(changeSet);
    expect(await tagsetNow()).toEqual(original);
    expect(await both()).toEqual(before);
    await s.redo(changeSet);
    expect(await both()).toEqual(migrated);
  });

  it('refuses to make an attribute or article label required while values for it are empty', async () => {
    const original = await tagsetNow();
    const withTopics = editKind(original, 'claim', (k) => ({
      attributes: [
        ...k.attributes,
        {
          name: 'topics',
          label: 'Topics',
          type: 'multi-choice',
          options: ['war', 'trade'],
          default: [],
          required: false,
        },
      ],
    }));
    await s.mutate('tagset/update', { tagset: withTopics });
    await s.tag('claim', HIRED, FIRST, { attributes: { verdict: null, topics: ['war'], claimType: 'factual' } });
    await s.tag('claim', HOPE, FIRST, { attributes: { verdict: 'true', claimType: 'opinion' } });
    await s.mutate('documentLabels/set', { articleId: FIRST, labels: { stance: 'critical' } });
    const before = await s.layer();
    const conflict = (tagset: Tagset, message: RegExp) =>
      refused(s.send, 'tagset/update', { tagset }, 'conflict', message);

    const strict = editAttribute(editAttribute(withTopics, 'claim', 'verdict', { required: true }), 'claim', 'topics', {
      required: true,
    });
    await conflict(
      strict,
      /^The tagset change would invalidate existing annotations: Claim Verdict becomes required, but 1 annotation has no value for it; Claim Topics becomes required, but 1 annotation has no value for it\. /,
    );
    await conflict(
      editLabel(withTopics, 'reliability', () => ({ required: true })),
      /^The tagset change would invalidate existing article labels: article label Reliability becomes required, but 1 article labelling has no value for it\. Change or delete those article labels first\.$/,
    );
    expect(await tagsetNow()).toEqual(withTopics);
    expect(await s.layer()).toEqual(before);

    // Where every value is set, it may become required.
    const required = editLabel(editAttribute(withTopics, 'claim', 'claimType', { required: true }), 'stance', () => ({
      required: true,
    }));
    expect((await s.mutate<TagsetUpdate>('tagset/update', { tagset: required })).value.migrated).toEqual([]);
  });

  it('counts annotations and labellings made before an attribute existed as holding no value for it', async () => {
    const original = await tagsetNow();
    await s.tag('claim', HIRED);
    await s.mutate('documentLabels/set', { articleId: FIRST, labels: { stance: 'critical' } });
    const note = { name: 'note', label: 'Note', type: 'text', default: '', required: false };
    const withNote = editKind(original, 'claim', (k) => ({ attributes: [...k.attributes, note] }));
    await s.mutate('tagset/update', { tagset: withNote });
    expect(Object.hasOwn((await s.layer()).annotations[0]!.attributes, 'note')).toBe(false);
    const conflict = (tagset: Tagset, message: RegExp) =>
      refused(s.send, 'tagset/update', { tagset }, 'conflict', message);

    await conflict(
      editAttribute(withNote, 'claim', 'note', { required: true }),
      /^The tagset change would invalidate existing annotations: Claim Note becomes required, but 1 annotation has no value for it\. /,
    );
    await conflict(
      editKind(withNote, 'claim', (k) => ({
        attributes: [...k.attributes, { ...note, name: 'summary', label: 'Summary', required: true }],
      })),
      /^The tagset change would invalidate existing annotations: Claim Summary is added as required, but 1 annotation has no value for it\. /,
    );
    const source = { name: 'source', label: 'Source', type: 'choice', options: ['wire', 'staff'], required: true };
    await conflict(
      { ...withNote, documentLabels: [...withNote.documentLabels, { ...source, default: null }] } as Tagset,
      /^The tagset change would invalidate existing article labels: article label Source is added as required, but 1 article labelling has no value for it\. /,
    );
    expect(await tagsetNow()).toEqual(withNote);

    // A non-empty default fills the missing value in, so the change is allowed.
    const filled = editAttribute(withNote, 'claim', 'note', { required: true, default: 'unsourced' });
    expect((await s.mutate<TagsetUpdate>('tagset/update', { tagset: filled })).value.migrated).toEqual([]);
    const withSource = { ...filled, documentLabels: [...filled.documentLabels, { ...source, default: 'wire' }] };
    expect((await s.mutate<TagsetUpdate>('tagset/update', { tagset: withSource as Tagset })).value.tagset).toEqual(
      withSource,
    );
  });

  it('words its refusal after what the change would do, and to which records', async () => {
    const original = await tagsetNow();
    const claim = await s.tag('claim', HIRED, FIRST, { attributes: { verdict: 'true' } });
    await s.link('said-by', claim, await s.tag('speaker', 'General Dehqan'));
    await s.mutate('documentLabels/set', { articleId: FIRST, labels: { stance: 'critical' } });
    const conflict = (tagset: Tagset, message: RegExp) =>
      refused(s.send, 'tagset/update', { tagset }, 'conflict', message);
    const noTrue = editKind(original, 'claim', (k) => ({
      attributes: k.attributes.map((a) => ({ ...a, ...withoutOption('true')(a) })),
    }));
    const noSaidBy = { ...original, relations: original.relations.filter((r) => r.type !== 'said-by') };

    await conflict(
      { ...noSaidBy, kinds: original.kinds.filter((k) => k.kind !== 'claim') },
      /^The tagset change would orphan existing annotations and links: kind "Claim" is used by 1 annotation; relation "said by" is used by 1 link\. Change or delete those annotations and links first\.$/,
    );
    await conflict(
      noTrue,
      /^The tagset change would invalidate existing annotations: option "true" of Claim Verdict is used by 1 annotation\. Change or delete those annotations first\.$/,
    );
    await conflict(
      {
        ...original,
        relations: original.relations.map((r) => (r.type === 'said-by' ? { ...r, to: ['person'] } : r)),
      },
      /^The tagset change would invalidate existing links: relation "said by" no longer points to Speaker, but 1 link does\. /,
    );
    await conflict(
      editLabel(original, 'stance', withoutOption('critical')),
      /^The tagset change would invalidate existing article labels: option "critical" of article label Stance is used by 1 article labelling\. Change or delete those article labels first\.$/,
    );
    await conflict(
      { ...editLabel(noTrue, 'stance', withoutOption('critical')), relations: noSaidBy.relations },
      /^The tagset change would orphan or invalidate existing annotations, links and article labels: option "true" .*\. Change or delete those annotations, links and article labels first\.$/,
    );
    expect(await tagsetNow()).toEqual(original);
  });
});
