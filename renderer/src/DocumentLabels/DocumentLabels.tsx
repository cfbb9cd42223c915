import type { DocumentLabels as Labels } from '../../../annotations/model';
import { AttributeField } from '../DetailsPanel/AttributeField';
import { useWorkspace, useWorkspaceStore } from '../state/workspace-context';

/** The tagset's labels for the whole article (stance, reliability…), in the user's layer. */
export function DocumentLabels() {
  const store = useWorkspaceStore();
  const definitions = useWorkspace((s) => s.status?.tagset.documentLabels);
  const mine: Labels | null = useWorkspace(
    (s) => s.layer.documentLabels.find((d) => d.annotator === s.status?.annotator) ?? null,
  );
  // Until an article is open there is nothing to label: a choice made then would be lost.
  const open = useWorkspace((s) => s.article !== null);
  if (!open || !definitions || definitions.length === 0) return null;
  return (
    <section className="document-labels" aria-label="Article labels">
      <h2>Article labels</h2>
      {definitions.map((definition) => (
        <AttributeField
          key={definition.name}
          idPrefix="doc"
          definition={definition}
          value={mine?.labels[definition.name] ?? null}
          onChange={(value) => void store.setDocumentLabels({ [definition.name]: value })}
        />
      ))}
    </section>
  );
}
