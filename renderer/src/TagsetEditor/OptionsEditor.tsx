import { useState } from 'react';
import { optionColor } from '../../../annotations/tagset';
import type { ChoiceDefinition } from './attribute-edits';
import { addOption, moveOption, newOptionProblem, recolourOption, removeOption, renameOption } from './attribute-edits';

interface Props {
  def: ChoiceDefinition;
  /** Owner's label, to name the controls ("Claim Verdict"). */
  owner: string;
  onChange: (def: ChoiceDefinition) => void;
  /** Annotations holding each option (by value); undefined while unknown. */
  usedBy: (option: string) => number | undefined;
}

const annotations = (n: number) => `${n} annotation${n === 1 ? '' : 's'}`;

/**
 * A choice attribute's options: add, rename (the label shown; the stored
 * value stays), reorder, recolour, remove. An option in use is not removed:
 * the row says how many annotations hold it.
 */
export function OptionsEditor({ def, owner, onChange, usedBy }: Props) {
  const [value, setValue] = useState('');
  const [refusal, setRefusal] = useState<string | null>(null);
  const problem = newOptionProblem(def, value);
  const name = `${owner} ${def.label}`;
  const add = () => {
    onChange(addOption(def, value));
    setValue('');
  };
  return (
    <div className="options-editor">
      <table>
        <caption>Options of {name}</caption>
        <thead>
          <tr>
            <th>Colour</th>
            <th>Stored value</th>
            <th>Shown as</th>
            <th>In use</th>
            <th>
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {def.options.map((option, i) => {
            const color = optionColor(def, option);
            const used = usedBy(option);
            return (
              <tr key={option}>
                <td className="option-colour">
                  <input
                    type="color"
                    aria-label={`Colour of option ${option} of ${name}`}
                    className={color ? undefined : 'no-colour'}
                    title={color ? color : 'No colour; pick one to give it one'}
                    value={color ?? '#888888'}
                    onChange={(e) => onChange(recolourOption(def, option, e.target.value))}
                  />
                  {color && (
                    <button
                      type="button"
                      className="plain"
                      aria-label={`No colour for option ${option} of ${name}`}
                      onClick={() => onChange(recolourOption(def, option, null))}
                    >
                      ×
                    </button>
                  )}
                </td>
                <td>
                  <code>{option}</code>
                </td>
                <td>
                  <input
                    aria-label={`Label of option ${option} of ${name}`}
                    placeholder={option}
                    value={def.optionDisplay?.[option]?.label ?? ''}
                    onChange={(e) => onChange(renameOption(def, option, e.target.value))}
                  />
                </td>
                <td className="meta">{used === undefined ? '…' : used === 0 ? 'unused' : annotations(used)}</td>
                <td className="row-actions">
                  <button
                    type="button"
                    aria-label={`Move option ${option} of ${name} up`}
                    disabled={i === 0}
                    onClick={() => onChange(moveOption(def, i, -1))}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    aria-label={`Move option ${option} of ${name} down`}
                    disabled={i === def.options.length - 1}
                    onClick={() => onChange(moveOption(def, i, 1))}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    aria-label={`Remove option ${option} of ${name}`}
                    onClick={() => {
                      if (used !== undefined && used > 0) {
                        setRefusal(
                          `Option "${option}" is kept: ${annotations(used)} ${used === 1 ? 'holds' : 'hold'} it. Change their ${def.label} first, or rename the option instead.`,
                        );
                        return;
                      }
                      if (def.options.length === 1) {
                        setRefusal(`${def.label} needs at least one option; add another before removing "${option}".`);
                        return;
                      }
                      setRefusal(null);
                      onChange(removeOption(def, option));
                    }}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {refusal && (
        <p className="notice error" role="alert">
          {refusal}
        </p>
      )}
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (value.trim() && !problem) add();
        }}
      >
        <input
          aria-label={`New option of ${name}`}
          placeholder="New option"
          aria-invalid={problem !== null}
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
        <button type="submit" disabled={!value.trim() || problem !== null}>
          Add option
        </button>
        {problem && (
          <span className="notice error" role="alert">
            {problem}
          </span>
        )}
      </form>
    </div>
  );
}
