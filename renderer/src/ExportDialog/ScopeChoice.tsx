import type { ScopeChoice as Choice } from './scope-preview';

interface Props {
  me: string;
  choice: Choice | null;
  onChoice: (choice: Choice) => void;
  others: readonly string[];
  other: string;
  onOther: (name: string) => void;
  includeUnadjudicated: boolean;
  onIncludeUnadjudicated: (include: boolean) => void;
}

/** Whose annotations an export holds: one explicit choice, none made for the user. */
export function ScopeChoice(props: Props) {
  const { me, choice, onChoice, others, other } = props;
  const radio = (value: Choice) => ({
    type: 'radio' as const,
    name: 'export-scope',
    value,
    checked: choice === value,
    onChange: () => onChoice(value),
  });
  return (
    <fieldset className="field scope-choice">
      <legend>Whose annotations</legend>
      <label>
        <input {...radio('mine')} />
        <span>My layer ({me})</span>
      </label>
      <label>
        <input {...radio('gold')} />
        <span>Gold: the adjudicated layer, adjudicated articles only</span>
      </label>
      {choice === 'gold' && (
        <label className="scope-detail">
          <input
            type="checkbox"
            checked={props.includeUnadjudicated}
            onChange={(e) => props.onIncludeUnadjudicated(e.target.checked)}
          />
          <span>Also articles not adjudicated yet</span>
        </label>
      )}
      <label>
        <input {...radio('all')} />
        <span>All layers, each kept apart and named</span>
      </label>
      <div className="scope-other">
        <label>
          <input {...radio('other')} disabled={others.length === 0} />
          <span>Another annotator’s layer</span>
        </label>
        <select
          aria-label="Annotator"
          value={other}
          disabled={others.length === 0}
          onChange={(e) => {
            props.onOther(e.target.value);
            onChoice('other');
          }}
        >
          <option value="">{others.length === 0 ? 'none yet' : 'choose…'}</option>
          {others.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </div>
    </fieldset>
  );
}
