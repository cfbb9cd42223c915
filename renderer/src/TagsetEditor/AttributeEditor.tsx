import type { AttributeDefinition, AttributeValue } from '../../../annotations/tagset';
import { optionLabel } from '../../../annotations/tagset';
import { isChoice, setDefault } from './attribute-edits';
import { OptionsEditor } from './OptionsEditor';

interface Props {
  def: AttributeDefinition;
  /** The kind's label, to name the controls. */
  owner: string;
  onChange: (def: AttributeDefinition) => void;
  onRemove: () => void;
  /** Annotations holding a value for it; undefined while unknown. */
  held: number | undefined;
  usedBy: (option: string) => number | undefined;
}

const TYPE_WORDS: Record<AttributeDefinition['type'], string> = {
  choice: 'one of its options',
  'multi-choice': 'any of its options',
  boolean: 'yes or no',
  number: 'a number',
  text: 'text',
};

/** One attribute of a kind: its label, its default (which may stay unset), its options, its removal. */
export function AttributeEditor({ def, owner, onChange, onRemove, held, usedBy }: Props) {
  const name = `${owner} ${def.label}`;
  return (
    <fieldset className="attribute-editor">
      <legend>
        {def.label} <code>{def.name}</code> <span className="meta">— {TYPE_WORDS[def.type]}</span>
      </legend>
      <div className="row">
        <label>
          Label{' '}
          <input
            aria-label={`Label of attribute ${def.name} of ${owner}`}
            value={def.label}
            onChange={(e) => onChange({ ...def, label: e.target.value })}
          />
        </label>
        <label>
          Default <DefaultControl def={def} name={name} onChange={(value) => onChange(setDefault(def, value))} />
        </label>
        <button
          type="button"
          className="remove-attribute"
          aria-label={`Remove attribute ${def.name} of ${owner}`}
          onClick={onRemove}
        >
          Remove attribute
        </button>
        <span className="meta">
          {held === undefined
            ? ''
            : held === 0
              ? 'No annotation holds a value for it.'
              : `${held} annotation${held === 1 ? ' holds a value' : 's hold values'}; removing it on save clears ${held === 1 ? 'it' : 'them'}.`}
        </span>
      </div>
      {isChoice(def) && <OptionsEditor def={def} owner={owner} onChange={onChange} usedBy={usedBy} />}
    </fieldset>
  );
}

const UNSET = '';

/** The default: unset (null) unless someone picks one; a choice's default is one of its options. */
function DefaultControl({
  def,
  name,
  onChange,
}: {
  def: AttributeDefinition;
  name: string;
  onChange: (value: AttributeValue) => void;
}) {
  const label = `Default of ${name}`;
  switch (def.type) {
    case 'choice':
    case 'multi-choice': {
      // A multiple choice's default is kept to one option here; the JSON takes several.
      const current = def.type === 'choice' ? def.default : (def.default?.[0] ?? null);
      return (
        <select
          aria-label={label}
          value={current ?? UNSET}
          onChange={(e) => {
            const v = e.target.value === UNSET ? null : e.target.value;
            onChange(def.type === 'choice' ? v : v === null ? null : [v]);
          }}
        >
          <option value={UNSET}>— unset</option>
          {def.options.map((o) => (
            <option key={o} value={o}>
              {optionLabel(def, o)}
            </option>
          ))}
        </select>
      );
    }
    case 'boolean':
      return (
        <select
          aria-label={label}
          value={def.default === null ? UNSET : def.default ? 'yes' : 'no'}
          onChange={(e) => onChange(e.target.value === UNSET ? null : e.target.value === 'yes')}
        >
          <option value={UNSET}>— unset</option>
          <option value="yes">yes</option>
          <option value="no">no</option>
        </select>
      );
    case 'number':
      return (
        <input
          aria-label={label}
          type="number"
          placeholder="— unset"
          value={def.default ?? ''}
          onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}
        />
      );
    case 'text':
      return (
        <input
          aria-label={label}
          placeholder="— unset"
          value={def.default ?? ''}
          onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}
        />
      );
  }
}
