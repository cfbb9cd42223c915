import type { AgreementFigures, Coefficient, Prf } from '../../../annotations/agreement/report';

/** A figure to three decimals, or "—" where it is undefined (see docs/agreement.md). */
export const fmt = (v: number | null | undefined) => (typeof v === 'number' ? v.toFixed(3) : '—');

const Cell = ({ value, title }: { value: number | null | undefined; title?: string }) => (
  <td className="number" title={title}>
    {fmt(value)}
  </td>
);

const prfCells = (s: Prf) => (
  <>
    <Cell value={s.precision} title={`tp ${s.tp}, fp ${s.fp}`} />
    <Cell value={s.recall} title={`tp ${s.tp}, fn ${s.fn}`} />
    <Cell value={s.f1} />
  </>
);

const coefficient = (c: Coefficient) => <Cell value={c.value} title={`n = ${c.units}`} />;

/** The figures behind the pictures: span scores per pair, coefficients per label, attributes on matched spans. */
export function AgreementTables({
  figures,
  labelName,
}: {
  figures: AgreementFigures;
  labelName: (k: string) => string;
}) {
  const pairs = figures.tokens.overall.cohen.map((c) => `${c.a}–${c.b}`);
  const rows = [['(all labels)', figures.tokens.overall] as const, ...Object.entries(figures.tokens.perLabel)].filter(
    ([, t]) => t.krippendorff.units > 0,
  );
  return (
    <>
      <table className="figures" aria-label="Span agreement per pair">
        <thead>
          <tr>
            <th rowSpan={2}>Pair</th>
            <th rowSpan={2}>Articles</th>
            <th colSpan={3}>Strict (same offsets and label)</th>
            <th colSpan={3}>Lenient (overlapping, same label)</th>
          </tr>
          <tr>
            <th>P</th>
            <th>R</th>
            <th>F1</th>
            <th>P</th>
            <th>R</th>
            <th>F1</th>
          </tr>
        </thead>
        <tbody>
          {figures.spans.map((p) => (
            <tr key={`${p.a}|${p.b}`}>
              <td>
                {p.a} – {p.b}
              </td>
              <td className="number">{p.articles}</td>
              {prfCells(p.strict.overall)}
              {prfCells(p.lenient.overall)}
            </tr>
          ))}
        </tbody>
      </table>
      <table className="figures" aria-label="Token agreement per label">
        <thead>
          <tr>
            <th>Label</th>
            {pairs.map((p) => (
              <th key={p}>Cohen’s κ {p}</th>
            ))}
            <th>Fleiss’ κ</th>
            <th>Krippendorff’s α</th>
            <th>Unitizing α</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, t]) => (
            <tr key={label}>
              <td>{label === '(all labels)' ? label : labelName(label)}</td>
              {t.cohen.map((c) => (
                <Cell key={`${c.a}|${c.b}`} value={c.value} title={`n = ${c.units}`} />
              ))}
              {coefficient(t.fleiss)}
              {coefficient(t.krippendorff)}
              <Cell value={label === '(all labels)' ? undefined : figures.unitizing[label]?.value} />
            </tr>
          ))}
        </tbody>
      </table>
      <table className="figures" aria-label="Attribute agreement on matched spans">
        <thead>
          <tr>
            <th>Attribute</th>
            <th>Spans</th>
            <th>Observed</th>
            {pairs.map((p) => (
              <th key={p}>Cohen’s κ {p}</th>
            ))}
            <th>Krippendorff’s α</th>
          </tr>
        </thead>
        <tbody>
          {figures.attributes
            .filter((a) => a.units > 0)
            .map((a) => (
              <tr key={`${a.label}.${a.name}`}>
                <td>
                  {labelName(a.label)} · {a.name}
                </td>
                <td className="number">{a.units}</td>
                <Cell value={a.observed} title={`${a.agreeing} of ${a.pairs} pairs agree`} />
                {a.cohen.map((c) => (
                  <Cell key={`${c.a}|${c.b}`} value={c.value} title={`n = ${c.units}`} />
                ))}
                {coefficient(a.krippendorff)}
              </tr>
            ))}
        </tbody>
      </table>
    </>
  );
}
