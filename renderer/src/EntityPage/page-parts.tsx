import type { ReactNode } from 'react';
import type { Annotation } from '../../../annotations/model';
import { chipStyle } from '../a11y/contrast';
import { useWorkspace, useWorkspaceStore } from '../state/workspace-context';

/**
 * The frame of a registry record's page (an entity, an event): the way back
 * to the article and, once the record is loaded, its delete button. A
 * successful delete returns to the article; a refusal stays here, and the
 * notice line says why.
 */
export function RecordPage({
  label,
  deleteLabel,
  onDelete,
  children,
}: {
  label: string;
  deleteLabel?: string;
  onDelete?: () => Promise<boolean>;
  children: ReactNode;
}) {
  const store = useWorkspaceStore();
  return (
    <section className="record-page" aria-label={label}>
      <div className="record-actions">
        <button type="button" onClick={() => store.navigate({ name: 'article' })}>
          <span aria-hidden="true">← </span>Back to the article
        </button>
        {onDelete && (
          <button
            type="button"
            className="danger"
            onClick={() => void onDelete().then((deleted) => deleted && store.navigate({ name: 'article' }))}
          >
            {deleteLabel}
          </button>
        )}
      </div>
      {children}
    </section>
  );
}

/** The tagset's chip for a span kind: its label on its colour. */
export function KindChip({ kind }: { kind: string }) {
  const definition = useWorkspace((s) => s.status?.tagset.kinds.find((k) => k.kind === kind));
  return (
    <span className="chip" style={chipStyle(definition?.color ?? '#57606a')}>
      {definition?.label ?? kind}
    </span>
  );
}

/** A claim's verdict attribute as a small badge, or nothing when it has none. */
export function Verdict({ claim }: { claim: Annotation }) {
  const verdict = claim.attributes.verdict;
  if (verdict === undefined || verdict === null || verdict === '') return null;
  const text = Array.isArray(verdict) ? verdict.join(', ') : String(verdict);
  return (
    <span className="verdict" data-verdict={text} title="Verdict">
      {text}
    </span>
  );
}

/** A span's text between curly quotes, unless it brings its own. */
export function Quote({ text }: { text: string }) {
  const quoted = /^["“‘«„]/.test(text);
  return <span className="quote">{quoted ? text : `“${text}”`}</span>;
}

/** "1 mention", "3 mentions". */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
