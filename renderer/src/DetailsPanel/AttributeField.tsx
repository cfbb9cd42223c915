import { useState } from 'react';
import type { AttributeDefinition, AttributeValue } from '../../../annotations/tagset';
import { optionColor, optionLabel } from '../../../annotations/tagset-lookup';
import { booleanOption, fromBooleanOption, isUnset, offersUnset, parseNumber, UNSET_MARK } from './attribute-values';

interface Props {
  definition: AttributeDefinition;
  value: AttributeValue | undefined;
  onChange: (value: AttributeValue) => void;
  /** Keeps ids unique when two panels show attributes of the same name. */
  idPrefix?: string;
}

/**
 * One attribute's control, chosen by its type in the tagset. Every control
 * shows an unset value as unset ("—", an empty field), never as "no" or as
 * the tagset's default, and can set it back to unset unless it is required.
 */
export function AttributeField({ definition, value, onChange, idPrefix = 'attr' }: Props) {
  const id = `${idPrefix}-${definition.name}`;
  switch (definition.type) {
    case 'choice':
      return (
        <label className="field" htmlFor={id}>
          <span>
            {definition.label}{' '}
            <OptionSwatch color={typeof value === 'string' ? optionColor(definition, value) : null} />
          </span>
          <select
            id={id}
            value={isUnset(value) ? '' : String(value)}
            onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}
          >
            {offersUnset(definition, value) && <option value="">{UNSET_MARK}</option>}
            {definition.options.map((option) => (
              <option key={option} value={option}>
                {optionLabel(definition, option)}
              </option>
            ))}
          </select>
        </label>
      );
    case 'boolean':
      // Three states, not a checkbox: an unchecked box would say "no" where nobody said anything.
      return (
        <label className="field" htmlFor={id}>
          <span>{definition.label}</span>
          <select id={id} value={booleanOption(value)} onChange={(e) => onChange(fromBooleanOption(e.target.value))}>
            {offersUnset(definition, value) && <option value="">{UNSET_MARK}</option>}
            <option value="yes">yes</option>
            <option value="no">no</option>
          </select>
        </label>
      );
    case 'multi-choice': {
      const chosen = Array.isArray(value) ? value : [];
      return (
        <fieldset className="field multi-choice">
          <legend>
            {definition.label}
            {value === null || value === undefined ? <span className="unset-mark"> {UNSET_MARK} unset</span> : null}
          </legend>
          {definition.options.map((option) => (
            <label key={option} className="checkbox">
              <input
                type="checkbox"
                checked={chosen.includes(option)}
                onChange={(e) => onChange(e.target.checked ? [...chosen, option] : chosen.filter((c) => c !== option))}
              />
              <OptionSwatch color={optionColor(definition, option)} />
              {optionLabel(definition, option)}
            </label>
          ))}
          {!definition.required && Array.isArray(value) && (
            <button
              type="button"
              className="plain clear-value"
              aria-label={`Clear ${definition.label}`}
              onClick={() => onChange(null)}
            >
              Clear
            </button>
          )}
        </fieldset>
      );
    }
    case 'number':
      return (
        <DraftField
          id={id}
          type="number"
          label={definition.label}
          value={typeof value === 'number' ? String(value) : ''}
          onCommit={(text) => {
            const parsed = parseNumber(text);
            if (parsed !== undefined) onChange(parsed);
          }}
        />
      );
    case 'text':
      return (
        <DraftField
          id={id}
          type="text"
          label={definition.label}
          value={typeof value === 'string' ? value : ''}
          onCommit={(text) => onChange(text === '' ? null : text)}
        />
      );
  }
}

/** An option's colour as a small dot, when the tagset gives it one. */
function OptionSwatch({ color }: { color: string | null }) {
  return color ? <span className="swatch" style={{ backgroundColor: color }} aria-hidden="true" /> : null;
}

/**
 * A text or number attribute, saved when the field loses focus or on Enter,
 * not per keystroke; emptied, it is unset. It follows the saved value when
 * that changes elsewhere (an undo).
 */
function DraftField({
  id,
  type,
  label,
  value,
  onCommit,
}: {
  id: string;
  type: 'text' | 'number';
  label: string;
  value: string;
  onCommit: (text: string) => void;
}) {
  const [draft, setDraft] = useState(value);
  const [saved, setSaved] = useState(value);
  if (saved !== value) {
    setSaved(value);
    setDraft(value);
  }
  const commit = () => {
    if (draft !== value) onCommit(draft);
  };
  return (
    <label className="field" htmlFor={id}>
      <span>{label}</span>
      <input
        id={id}
        type={type}
        value={draft}
        placeholder={`${UNSET_MARK} (unset)`}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setDraft(value);
        }}
      />
    </label>
  );
}
