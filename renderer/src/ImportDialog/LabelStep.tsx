import type { Tagset } from '../../../annotations/tagset';
import type { LabelChoice, LabelRow } from './label-choices';
import { choiceOf, choiceValue, conflictingLabels, newName } from './label-choices';

const counted = (row: LabelRow) =>
  `${row.count} ${row.role === 'span' ? (row.count === 1 ? 'span' : 'spans') : row.count === 1 ? 'link' : 'links'}`;

/**
 * The label step: every foreign label the files use, how often, and what it
 * becomes — one of the tagset's kinds (span labels) or relations (link
 * labels), a new one added to the tagset, or left out.
 */
export function LabelStep({
  rows,
  tagset,
  onChange,
}: {
  rows: readonly LabelRow[];
  tagset: Tagset;
  onChange: (row: LabelRow, choice: LabelChoice) => void;
}) {
  const conflicts = conflictingLabels(rows);
  return (
    <section className="label-step" aria-label="Labels">
      <h3>Labels</h3>
      <p className="meta">
        What each label of the files becomes in this project. Labels the tagset has keep their name; a close match is
        suggested; the others are added to the tagset unless you choose otherwise.
      </p>
      <div className="label-table-frame">
        <table className="label-table">
          <thead>
            <tr>
              <th scope="col">Label</th>
              <th scope="col">Used for</th>
              <th scope="col">Count</th>
              <th scope="col">Becomes</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const names =
                row.role === 'span'
                  ? tagset.kinds.map((k) => ({ name: k.kind, label: k.label }))
                  : tagset.relations.map((r) => ({ name: r.type, label: r.label }));
              const known = names.some((n) => n.name === row.label);
              const value = choiceValue(row.choice);
              const suggestion = row.suggested !== null && value === `to:${row.suggested}`;
              return (
                <tr key={`${row.role}:${row.label}`} className={row.choice === 'drop' ? 'dropped' : ''}>
                  <th scope="row">
                    <code>{row.label}</code>
                  </th>
                  <td>{row.role === 'span' ? 'spans' : 'links'}</td>
                  <td className="count">{counted(row)}</td>
                  <td>
                    <select
                      aria-label={`What "${row.label}" (${row.role === 'span' ? 'spans' : 'links'}) becomes`}
                      value={value}
                      onChange={(e) => onChange(row, choiceOf(e.target.value))}
                    >
                      <optgroup label={row.role === 'span' ? 'Kinds of the tagset' : 'Relations of the tagset'}>
                        {names.map((n) => (
                          <option key={n.name} value={`to:${n.name}`}>
                            {n.label} ({n.name})
                          </option>
                        ))}
                      </optgroup>
                      {!known && <option value="new">Add to the tagset as new ({newName(row.label)})</option>}
                      <option value="drop">Leave out</option>
                    </select>
                    {suggestion && <span className="label-note suggested">suggested</span>}
                    {known && value === `to:${row.label}` && <span className="label-note">in the tagset</span>}
                    {row.choice === 'new' && <span className="label-note new">new</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {conflicts.length > 0 && (
        <p className="meta problem" role="alert">
          {conflicts.map((c) => `"${c}"`).join(', ')} {conflicts.length === 1 ? 'is' : 'are'} used both for spans and
          for links: one choice serves both, so choose the same for each.
        </p>
      )}
    </section>
  );
}
