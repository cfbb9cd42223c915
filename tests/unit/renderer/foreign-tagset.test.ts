import { describe, expect, it } from 'vitest';
import { DEFAULT_TAGSET } from '../../../annotations/default-tagset';
import { validateTagset } from '../../../annotations/tagset';
import { searchKinds } from '../../../renderer/src/keyboard/kind-search';
import { createTagChannel } from '../../../renderer/src/state/tag-channel';
import { newKind, newKindProblem } from '../../../renderer/src/TagsetEditor/new-kind';
import { LARGE_TAGSET } from '../../support/large-tagset';

const kinds = DEFAULT_TAGSET.kinds;

describe('adding a kind in the tagset editor', () => {
  it('takes ids real schemes use, and no hotkey', () => {
    for (const id of ['PER', 'Located_in', 'Org-Aff', 'Phys.Near', 'Art:User'])
      expect(newKindProblem({ kind: id, label: id, hotkey: '' }, kinds)).toBeNull();
    const added = newKind({ kind: 'PER', label: ' Person (ACE) ', hotkey: '' }, '#123456');
    expect(added).toMatchObject({ kind: 'PER', label: 'Person (ACE)', hotkey: null });
    // The tagset takes it as it is.
    expect(validateTagset({ ...DEFAULT_TAGSET, kinds: [...kinds, added] }).kinds.at(-1)!.hotkey).toBeNull();
  });

  it('says why an id or hotkey cannot be used', () => {
    expect(newKindProblem({ kind: '1st', label: 'x', hotkey: '' }, kinds)).toMatch(/^Id must start with a letter/);
    expect(newKindProblem({ kind: 'two words', label: 'x', hotkey: '' }, kinds)).toMatch(/^Id must/);
    expect(newKindProblem({ kind: 'entity', label: 'x', hotkey: '' }, kinds)).toMatch(/kept for registry entities/);
    expect(newKindProblem({ kind: 'claim', label: 'x', hotkey: '' }, kinds)).toMatch(/already has a kind "claim"/);
    expect(newKindProblem({ kind: 'PER', label: 'x', hotkey: '1' }, kinds)).toBe('Hotkey 1 is Claim’s');
    expect(newKindProblem({ kind: 'PER', label: 'x', hotkey: 'Q' }, kinds)).toMatch(/one digit or lower-case letter/);
  });
});

describe('the kind picker', () => {
  it('finds any of 45 kinds by part of its name, best matches first', () => {
    expect(LARGE_TAGSET.kinds).toHaveLength(45);
    expect(searchKinds(LARGE_TAGSET.kinds, '')).toHaveLength(45);
    const labels = (typed: string) => searchKinds(LARGE_TAGSET.kinds, typed).map((k) => k.kind);
    // A hotkey alone first; then labels or ids starting with the text; then a word of them; then anywhere.
    expect(labels('4')[0]).toBe('person');
    expect(labels('per')).toEqual(['person', 'PER', 'PERCENT', 'Per-Soc', 'Personnel.Elect']);
    expect(labels('located')).toEqual(['Located_in']);
    expect(labels('in')).toEqual(['Located_in', 'ORDINAL', 'CARDINAL', 'Business.Merge']);
    expect(labels('aff')).toEqual(['Org-Aff', 'Gen-Affiliation']);
    expect(labels('zzz')).toEqual([]);
  });
});

describe('the tag channel', () => {
  it('hands a kind chosen outside the text to whoever holds the selection, and opens and closes the picker', () => {
    const channel = createTagChannel();
    const tagged: string[] = [];
    const off = channel.onTag((kind) => tagged.push(kind));
    let changes = 0;
    channel.subscribePicking(() => changes++);
    channel.setPicking(true);
    channel.setPicking(true);
    expect(channel.isPicking()).toBe(true);
    channel.tag('PER');
    off();
    channel.tag('ORG');
    channel.setPicking(false);
    expect(tagged).toEqual(['PER']);
    expect(changes).toBe(2);
    // The picker names what it will tag, as long as the text that reported it is there.
    expect(channel.selectedText()).toBe('');
    const gone = channel.provideSelection(() => 'Khalid al-Obeidi');
    expect(channel.selectedText()).toBe('Khalid al-Obeidi');
    gone();
    expect(channel.selectedText()).toBe('');
  });
});
