import { describe, expect, it } from 'vitest';
import { inTextField } from '../../../renderer/src/keyboard/use-global-keys';

/** Just what `inTextField` reads of an element, as a browser gives it. */
function element(
  tagName: string,
  props: { type?: string; readOnly?: boolean; editable?: boolean; readonlyAncestor?: boolean } = {},
) {
  return {
    tagName,
    type: props.type ?? 'text',
    readOnly: props.readOnly ?? false,
    isContentEditable: props.editable ?? false,
    closest: (selector: string) => (selector === '[aria-readonly="true"]' && props.readonlyAncestor ? {} : null),
  } as unknown as EventTarget;
}

describe('global shortcuts and text fields', () => {
  it('leave keys to fields the user types in', () => {
    for (const type of ['text', 'search', 'number', 'email', 'url', 'password']) {
      expect(inTextField(element('INPUT', { type })), type).toBe(true);
    }
    expect(inTextField(element('TEXTAREA'))).toBe(true);
    expect(inTextField(element('DIV', { editable: true }))).toBe(true);
  });

  it('work from selects, checkboxes, radios, buttons and the read-only article text', () => {
    expect(inTextField(element('SELECT'))).toBe(false);
    for (const type of ['checkbox', 'radio', 'button', 'submit', 'file', 'color', 'range']) {
      expect(inTextField(element('INPUT', { type })), type).toBe(false);
    }
    expect(inTextField(element('BUTTON'))).toBe(false);
    expect(inTextField(element('DIV', { editable: true, readonlyAncestor: true }))).toBe(false);
    expect(inTextField(element('INPUT', { readOnly: true }))).toBe(false);
    expect(inTextField(null)).toBe(false);
  });
});
