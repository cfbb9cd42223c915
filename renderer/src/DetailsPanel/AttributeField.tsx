import { useState } from 'react';
import type { AttributeDefinition, AttributeValue } from '../../../annotations/tagset';

interface Props {
  definition: AttributeDefinition;
  value: AttributeValue | undefined;
  onChange: (value: AttributeValue) => void;
  /** Keeps ids unique when two panels show attributes of the same name. */
  idPrefix?: string;
}

/** One attribute's control, chosen by its type in the tagset. */
export function AttributeField({ definition, value, onChange, idPrefix = 'attr' }: Props) {
  const id = `${idPrefix}-${definition.name}`;
  switch (definition.type) {
    case 'choice':
      return (
        <label className="field" htmlFor={id}>
          <span>{definition.label}</span>
          <select
            id={id}
            value={String(value ?? definition.default ?? '')}
            onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}
          >
            {(definition.default === null || !definition.required) && value === null && <option value="">—</option>}
            {definition.options.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        </label>
      );
    case 'boolean':
      return (
        <label className="field checkbox" htmlFor={id}>
          <input id={id} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />
          <span>{definition.label}</span>
        </label>
      );
    case 'multi-choice': {
      const chosen = Array.isArray(value) ? value : (definition.default ?? []);
      return (
        <fieldset className="field">
          <legend>{definition.label}</legend>
          {definition.options.map((option) => (
            <label key={option} className="checkbox">
              <input
                type="checkbox"
                checked={chosen.includes(option)}
                onChange={(e) => onChange(e.target.checked ? [...chosen, option] : chosen.filter((c) => c !== option))}
              />
              {option}
            </label>
          ))}
        </fieldset>
      );
    }
    case 'number':
      return (
        <label className="field" htmlFor={id}>
          <span>{definition.label}</span>
          <input
            id={id}
            type="number"
            defaultValue={typeof value === 'number' ? value : ''}
            onBlur={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}
          />
        </label>
      );
    case 'text':
      return (
        <TextField
          id={id}
          label={definition.label}
          value={typeof value === 'string' ? value : ''}
          onCommit={onChange}
        />
      );
  }
}

/** A text attribute is saved when the field loses focus or on Enter, not per keystroke. */
function TextField({
  id,
  label,
  value,
  onCommit,
}: {
  id: string;
  label: string;
  value: string;
  onCommit: (v: string) => void;
}) {
  const [draft, setDraft] = useState(value);
  const commit = () => {
    if (draft !== value) onCommit(draft);
  };
  return (
    <label className="field" htmlFor={id}>
      <span>{label}</span>
      <input
        id={id}
        type="text"
        value={draft}
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
