// The benchmark's summary: every figure with its target and whether it was
// met, printed as one table at the end of `npm run bench`.

export interface BenchRow {
  /** The section the figure belongs to ("Agreement, 10,000 articles"). */
  section: string;
  /** What was measured ("report over the corpus"). */
  measure: string;
  /** The figure as printed ("812 ms", "212 MiB"). */
  figure: string;
  /** The target as printed ("< 1 s"). */
  target: string;
  met: boolean;
}

/** A row for a figure in milliseconds against an upper bound. */
export function msRow(section: string, measure: string, value: number, below: number): BenchRow {
  return { section, measure, figure: `${value.toFixed(1)} ms`, target: `< ${below} ms`, met: value < below };
}

/** A row for a figure in MiB against an upper bound. */
export function mibRow(section: string, measure: string, bytes: number, belowMiB: number): BenchRow {
  const mib = bytes / (1024 * 1024);
  return { section, measure, figure: `${mib.toFixed(0)} MiB`, target: `< ${belowMiB} MiB`, met: mib < belowMiB };
}

/** The table, Markdown-shaped so the README can quote it as printed. */
export function formatTable(rows: readonly BenchRow[]): string {
  const header = ['Section', 'Measure', 'Figure', 'Target', 'Met'];
  const body = rows.map((r) => [r.section, r.measure, r.figure, r.target, r.met ? 'met' : 'MISSED']);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((cells) => cells[i]!.length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}
