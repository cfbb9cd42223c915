import { FactmarkError } from './errors';
import type { AttributeDefinition, AttributeValue } from './tagset';

/** A value as a file or a query gives it, before the attribute's type reads it. */
export type RawValue = string | number | boolean | null | string[];

const show = (v: RawValue) => JSON.stringify(v);
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/**
 * A value from a file read by the attribute's type, never guessed from its
 * spelling: a choice keeps the string as written ("true" stays "true"); a
 * yes/no attribute takes true/false, or the strings "true", "false", "yes",
 * "no"; a number takes a number or its digits. A list of one value is that
 * value (Label Studio writes choices as lists). Null is unset.
 */
export function readValue(def: AttributeDefinition, raw: RawValue): AttributeValue {
  const bad = (what: string): never => {
    throw new FactmarkError('invalid-argument', `Attribute "${def.name}" ${what}; got ${show(raw)}`);
  };
  if (raw === null) return null;
  if (def.type === 'multi-choice') {
    if (typeof raw === 'string') return [raw];
    return Array.isArray(raw) ? raw : bad('takes a list of options');
  }
  if (Array.isArray(raw)) {
    if (raw.length === 0) return null;
    return raw.length === 1 ? readValue(def, raw[0]!) : bad('takes one value, not a list');
  }
  switch (def.type) {
    case 'choice':
    case 'text':
      return typeof raw === 'string' ? raw : bad(def.type === 'choice' ? 'takes one of its options' : 'takes text');
    case 'boolean': {
      if (typeof raw === 'boolean') return raw;
      const word = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
      if (word === 'true' || word === 'yes') return true;
      if (word === 'false' || word === 'no') return false;
      return bad('is yes or no (true, false, "yes", "no")');
    }
    case 'number': {
      if (typeof raw === 'number') return raw;
      return typeof raw === 'string' && NUMBER.test(raw.trim()) ? Number(raw) : bad('takes a number');
    }
  }
}
