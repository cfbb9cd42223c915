import type { FileReport } from '../../../annotations/imports/article-import';
import { describeLayer, summaryOf, sumCounts } from '../../../annotations/imports/import-report';
import { describeLabelUse } from '../../../annotations/imports/label-uses';

/**
 * One line per file: what it added (or, in a dry run, would add), each
 * colleague's layer, what its labels became (mapped, new, left out, with
 * counts), what it added to the tagset, and why anything was skipped.
 */
export function ImportReportList({ reports, dryRun = false }: { reports: readonly FileReport[]; dryRun?: boolean }) {
  const summary = (r: Pick<FileReport, 'added' | 'duplicates'>) => {
    const text = summaryOf(r);
    return dryRun
      ? text.replace(/^imported /, 'would import ').replace(/^nothing imported/, 'nothing to import')
      : text;
  };
  return (
    <>
      {reports.length > 1 && (
        <p className="meta">In all: {summary({ added: sumCounts(reports.map((r) => r.added)), duplicates: 0 })}</p>
      )}
      <ul className="import-report" aria-label={dryRun ? 'What the import would do' : 'Import report'}>
        {reports.map((r, i) => {
          const labels = (r.labels ?? []).filter((u) => u.fate !== 'known');
          return (
            <li key={`${i}:${r.file}`} className={r.skipped.length > 0 ? 'problem' : ''}>
              <strong>{r.file}</strong>: {summary(r)}
              {(r.layers ?? []).map((layer) => (
                <div key={layer.annotator} className="meta">
                  {describeLayer(layer)}
                </div>
              ))}
              {labels.length > 0 && <div className="meta">labels: {labels.map(describeLabelUse).join('; ')}</div>}
              {r.tagsetAdded && r.tagsetAdded.length > 0 && (
                <div className="meta">
                  {dryRun ? 'would add to the tagset' : 'added to the tagset'}: {r.tagsetAdded.join(', ')}
                </div>
              )}
              {r.skipped.map((s, j) => (
                <div key={j} className="meta">
                  skipped: {s}
                </div>
              ))}
            </li>
          );
        })}
      </ul>
    </>
  );
}

/** Files the label check found would not import for reasons of their own (no .txt beside an .ann…). */
export function FilesWithProblems({ reports }: { reports: readonly FileReport[] }) {
  if (reports.length === 0) return null;
  return (
    <div className="meta problem" role="status">
      {reports.length} file(s) would not be imported as they are:
      <ul>
        {reports.map((r, i) => (
          <li key={`${i}:${r.file}`}>
            {r.file}: {r.skipped.join('; ')}
          </li>
        ))}
      </ul>
    </div>
  );
}
