import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AttributeDefinition } from '../../../annotations/tagset';
import { optionColor, optionLabel, validateTagset } from '../../../annotations/tagset';
import type { ChoiceDefinition } from '../../../renderer/src/TagsetEditor/attribute-edits';
import {
  addOption,
  moveOption,
  newAttribute,
  newAttributeProblem,
  newOptionProblem,
  recolourOption,
  removeOption,
  renameOption,
  setDefault,
} from '../../../renderer/src/TagsetEditor/attribute-edits';

const verdict: ChoiceDefinition = {
  name: 'verdict',
  label: 'Verdict',
  type: 'choice',
  options: ['true', 'false', 'mixed'],
  default: null,
  required: false,
};

const tagsetWith = (def: AttributeDefinition) => ({
  name: 'T',
  kinds: [{ kind: 'claim', label: 'Claim', color: '#b57a13', attributes: [def] }],
});

describe('option edits', () => {
  it('renames the label shown and keeps the stored value; the value itself as label drops the label', () => {
    const renamed = renameOption(verdict, 'false', 'False (debunked)');
    expect(renamed.options).toEqual(verdict.options);
    expect(optionLabel(renamed, 'false')).toBe('False (debunked)');
    expect(renamed.optionDisplay).toEqual({ false: { label: 'False (debunked)' } });
    expect(renameOption(renamed, 'false', 'false')).toEqual(verdict);
    expect(renameOption(renamed, 'false', '')).toEqual(verdict);
  });

  it('recolours and clears a colour, leaving no empty display behind', () => {
    const red = recolourOption(verdict, 'false', '#d62728');
    expect(optionColor(red, 'false')).toBe('#d62728');
    expect(optionColor(red, 'true')).toBeNull();
    expect(recolourOption(red, 'false', null)).toEqual(verdict);
    const both = renameOption(red, 'false', 'Debunked');
    expect(recolourOption(both, 'false', null).optionDisplay).toEqual({ false: { label: 'Debunked' } });
  });

  it('moves an option one place, and not past either end', () => {
    expect(moveOption(verdict, 2, -1).options).toEqual(['true', 'mixed', 'false']);
    expect(moveOption(verdict, 0, -1)).toBe(verdict);
    expect(moveOption(verdict, 2, 1)).toBe(verdict);
  });

  it('removes an option with its display, and a default naming it goes back to unset', () => {
    const def = setDefault(renameOption(recolourOption(verdict, 'false', '#d62728'), 'false', 'F'), 'false');
    const removed = removeOption(def as ChoiceDefinition, 'false');
    expect(removed).toEqual({ ...verdict, options: ['true', 'mixed'], default: null });
    const multi: ChoiceDefinition = { ...verdict, type: 'multi-choice', default: ['false'] };
    expect(removeOption(multi, 'false').default).toBeNull();
    expect(removeOption({ ...multi, default: ['false', 'true'] }, 'false').default).toEqual(['true']);
  });

  it('refuses a new option that repeats a value or a label shown', () => {
    expect(newOptionProblem(verdict, 'mixed')).toBe('Verdict already has an option "mixed"');
    expect(newOptionProblem(renameOption(verdict, 'false', 'Debunked'), 'Debunked')).toBe(
      'Option "false" is already shown as "Debunked"',
    );
    expect(newOptionProblem(verdict, 'needs review')).toBeNull();
    expect(addOption(verdict, ' needs review ').options).toEqual(['true', 'false', 'mixed', 'needs review']);
  });

  it('keeps every stored value and a valid tagset through any series of edits', () => {
    const edit = fc.oneof(
      fc.record({ op: fc.constant('rename' as const), i: fc.nat(), label: fc.stringMatching(/^[a-z]{0,6}$/) }),
      fc.record({ op: fc.constant('move' as const), i: fc.nat(), up: fc.boolean() }),
      fc.record({
        op: fc.constant('colour' as const),
        i: fc.nat(),
        color: fc.option(fc.constantFrom('#d62728', '#1f77b4')),
      }),
    );
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 20 }), (edits) => {
        let def: ChoiceDefinition = verdict;
        for (const e of edits) {
          const option = def.options[e.i % def.options.length]!;
          if (e.op === 'rename') {
            const next = renameOption(def, option, e.label);
            // A label another option shows is refused on save (validateTagset); the property keeps to valid drafts.
            const shown = next.options.map((o) => optionLabel(next, o));
            if (new Set(shown).size < shown.length) continue;
            def = next;
          } else if (e.op === 'move') def = moveOption(def, e.i % def.options.length, e.up ? -1 : 1);
          else def = recolourOption(def, option, e.color);
        }
        expect([...def.options].sort()).toEqual([...verdict.options].sort());
        expect(Object.keys(def.optionDisplay ?? {}).every((k) => def.options.includes(k))).toBe(true);
        expect(() => validateTagset(tagsetWith(def))).not.toThrow();
      }),
    );
  });
});

describe('attribute edits', () => {
  it('adds an attribute with its default unset, never false', () => {
    const flag = newAttribute({ name: 'retracted', label: ' Retracted ', type: 'boolean', option: '' });
    expect(flag).toEqual({ name: 'retracted', label: 'Retracted', type: 'boolean', default: null, required: false });
    const choice = newAttribute({ name: 'source', label: 'Source', type: 'choice', option: 'wire' });
    expect(choice).toMatchObject({ options: ['wire'], default: null });
    expect(setDefault(setDefault(flag, false), null).default).toBeNull();
  });

  it('refuses an attribute id that is taken or not a token', () => {
    const draft = { label: 'X', type: 'text' as const, option: '' };
    expect(newAttributeProblem({ ...draft, name: 'verdict' }, [verdict])).toBe(
      'The kind already has an attribute "verdict"',
    );
    expect(newAttributeProblem({ ...draft, name: '1st' }, [verdict])).toMatch(/^Id must start with a letter/);
    expect(newAttributeProblem({ ...draft, name: 'source' }, [verdict])).toBeNull();
  });
});

describe('option display in the tagset', () => {
  it('is optional: a tagset without it parses without it', () => {
    const parsed = validateTagset(tagsetWith(verdict));
    expect(parsed.kinds[0]!.attributes[0]).not.toHaveProperty('optionDisplay');
  });

  it('keeps labels and colours, and refuses display for a value that is not an option or a label shown twice', () => {
    const shown = { ...verdict, optionDisplay: { false: { label: 'Debunked', color: '#d62728' } } };
    expect(validateTagset(tagsetWith(shown)).kinds[0]!.attributes[0]).toEqual(shown);
    expect(() => validateTagset(tagsetWith({ ...verdict, optionDisplay: { nope: { label: 'N' } } }))).toThrow(
      'claim.verdict: option display names "nope", not among its options',
    );
    expect(() => validateTagset(tagsetWith({ ...verdict, optionDisplay: { false: { label: 'true' } } }))).toThrow(
      'claim.verdict: two options are shown as "true"',
    );
    expect(() => validateTagset(tagsetWith({ ...verdict, optionDisplay: { false: { color: 'red' } } }))).toThrow(
      /kinds\.0\.attributes\.0\.optionDisplay\.false\.color: must be a colour like #e8a317/,
    );
  });
});
