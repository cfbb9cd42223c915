import { useState } from 'react';
import type { AttributeDefinition, SpanKindDefinition } from '../../../annotations/tagset';
import type { NewAttributeDraft } from './attribute-edits';
import { ATTRIBUTE_TYPES, isChoice, newAttribute, newAttributeProblem } from './attribute-edits';
import { AttributeEditor } from './AttributeEditor';
import { optionKey, useKindUsage } from './use-kind-usage';

interface Props {
  kind: SpanKindDefinition;
  /** The kind as saved, if it is: what annotations can hold. */
  saved: SpanKindDefinition | undefined;
  onChange: (kind: SpanKindDefinition) => void;
}

/** A kind's attributes in a form: each one's label, default and options; adding and removing them. */
export function AttributesEditor({ kind, saved, onChange }: Props) {
  const usage = useKindUsage(saved);
  const isSaved = (def: AttributeDefinition) => saved?.attributes.some((a) => a.name === def.name) ?? false;
  const setAttribute = (index: number, def: AttributeDefinition) =>
    onChange({ ...kind, attributes: kind.attributes.map((a, i) => (i === index ? def : a)) });
  return (
    <div className="attributes-editor">
      {kind.attributes.length === 0 && <p className="meta">{kind.label} has no attributes.</p>}
      {kind.attributes.map((def, i) => {
        const savedDef = saved?.attributes.find((a) => a.name === def.name);
        const savedOptions = savedDef && isChoice(savedDef) ? savedDef.options : [];
        return (
          <AttributeEditor
            key={def.name}
            def={def}
            owner={kind.label}
            onChange={(next) => setAttribute(i, next)}
            onRemove={() => onChange({ ...kind, attributes: kind.attributes.filter((_, j) => j !== i) })}
            held={isSaved(def) ? usage?.held.get(def.name) : 0}
            usedBy={(option) => (savedOptions.includes(option) ? usage?.options.get(optionKey(def.name, option)) : 0)}
          />
        );
      })}
      <NewAttributeForm kind={kind} onAdd={(def) => onChange({ ...kind, attributes: [...kind.attributes, def] })} />
    </div>
  );
}

const EMPTY: NewAttributeDraft = { name: '', label: '', type: 'choice', option: '' };

function NewAttributeForm({ kind, onAdd }: { kind: SpanKindDefinition; onAdd: (def: AttributeDefinition) => void }) {
  const [draft, setDraft] = useState<NewAttributeDraft>(EMPTY);
  const problem = newAttributeProblem(draft, kind.attributes);
  const choice = draft.type === 'choice' || draft.type === 'multi-choice';
  const ready = draft.name !== '' && draft.label.trim() !== '' && (!choice || draft.option.trim() !== '');
  const field = (key: 'name' | 'label' | 'option', label: string, placeholder: string) => (
    <input
      aria-label={`${label} of a new attribute of ${kind.label}`}
      placeholder={placeholder}
      value={draft[key]}
      onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
    />
  );
  return (
    <form
      className="row new-attribute"
      aria-label={`New attribute of ${kind.label}`}
      onSubmit={(e) => {
        e.preventDefault();
        if (!ready || problem) return;
        onAdd(newAttribute(draft));
        setDraft(EMPTY);
      }}
    >
      {field('name', 'Id', 'id, e.g. source')}
      {field('label', 'Label', 'Label')}
      <select
        aria-label={`Type of a new attribute of ${kind.label}`}
        value={draft.type}
        onChange={(e) => setDraft({ ...draft, type: e.target.value as NewAttributeDraft['type'] })}
      >
        {ATTRIBUTE_TYPES.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </select>
      {choice && field('option', 'First option', 'first option')}
      <button type="submit" disabled={!ready || problem !== null}>
        Add attribute
      </button>
      {problem && (
        <span className="notice error" role="alert">
          {problem}
        </span>
      )}
    </form>
  );
}
