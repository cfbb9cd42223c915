import type { ProgressRow } from './assignment-progress';
import { anyAssignment, assignmentOf, assignmentText, fromSuggestions } from './assignment-progress';

/**
 * Each annotator's progress in figures: articles done and annotated, and,
 * where the lead assigned articles, how many of those are done, with a bar
 * against the assignment (the column only where something is assigned).
 */
export function ProgressTable({ rows, articleCount }: { rows: readonly ProgressRow[]; articleCount: number }) {
  const assignments = anyAssignment(rows);
  return (
    <table className="figures progress-table" aria-label="Progress per annotator">
      <thead>
        <tr>
          <th>Annotator</th>
          <th className="number">Done</th>
          <th className="number">Annotated</th>
          <th className="number">Spans</th>
          <th className="number">From suggestions</th>
          {assignments && <th>Assignment</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const assignment = assignmentOf(row);
          return (
            <tr key={row.annotator}>
              <th scope="row">{row.annotator}</th>
              <td className="number">
                {row.done} / {articleCount}
              </td>
              <td className="number">
                {row.annotated} / {articleCount}
              </td>
              <td className="number">{row.spans}</td>
              <td className="number">{fromSuggestions(row)}</td>
              {assignments && (
                <td>
                  {assignment ? (
                    <span className="assignment-cell">
                      <progress
                        value={assignment.done}
                        max={Math.max(assignment.assigned, 1)}
                        aria-label={`${row.annotator}: ${assignmentText(row)}`}
                      />
                      <span>{assignmentText(row)}</span>
                    </span>
                  ) : (
                    <span className="meta">nothing assigned</span>
                  )}
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
