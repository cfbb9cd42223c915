import type { ExportedFile, ExportInput } from './export-input';
import { layersOf } from './export-input';
import { pieceTexts } from './span-text';

/** One Label Studio result item. Offsets are JavaScript string offsets (UTF-16), as Label Studio uses. */
export type LabelStudioResult =
  | {
      id: string;
      from_name: string;
      to_name: 'text';
      type: 'labels';
      value: { start: number; end: number; text: string; labels: string[] };
      /** A piece of a discontinuous span: the annotation it belongs to, and which piece (from 1). */
      meta?: LabelStudioPieceMeta;
    }
  | {
      id: string;
      from_name: string;
      to_name: 'text';
      type: 'choices';
      value: { start: number; end: number; text: string; choices: string[] };
    }
  | {
      id: string;
      from_name: string;
      to_name: 'text';
      type: 'textarea';
      value: { start: number; end: number; text: string[] };
    }
  | { from_id: string; to_id: string; type: 'relation'; direction: 'right'; labels: string[] };

/**
 * Label Studio has no discontinuous regions: each piece of a span is a region
 * of its own, marked in the region's `meta` (which Label Studio keeps and
 * writes back on every result of the region) so the import joins them again.
 */
export interface LabelStudioPieceMeta {
  factmark_span: string;
  fragment: number;
}

/** The region id of a span's piece: the annotation's id for the first, `ID~2`, `ID~3`… for the others. */
export const pieceRegionId = (annotationId: string, index: number) =>
  index === 0 ? annotationId : `${annotationId}~${index + 1}`;

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The labelling config matching the tagset: one Labels control, per-region Choices per attribute, Relations. */
export function labelStudioConfig(input: Pick<ExportInput, 'tagset'>): string {
  const { tagset } = input;
  const lines = ['<View>', '  <Labels name="label" toName="text">'];
  for (const k of tagset.kinds)
    lines.push(
      `    <Label value="${xml(k.kind)}" background="${k.color}"${k.hotkey === null ? '' : ` hotkey="${xml(k.hotkey)}"`}/>`,
    );
  lines.push('  </Labels>', '  <Text name="text" value="$text"/>', '  <Relations>');
  for (const r of tagset.relations) lines.push(`    <Relation value="${xml(r.type)}"/>`);
  lines.push('  </Relations>');
  for (const k of tagset.kinds) {
    for (const a of k.attributes) {
      const options =
        a.type === 'boolean' ? ['true', 'false'] : a.type === 'choice' || a.type === 'multi-choice' ? a.options : null;
      if (!options) continue;
      const choice = a.type === 'multi-choice' ? 'multiple' : 'single';
      lines.push(
        `  <Choices name="${xml(`${k.kind}.${a.name}`)}" toName="text" perRegion="true" choice="${choice}" visibleWhen="region-selected" whenLabelValue="${xml(k.kind)}">`,
      );
      for (const o of options) lines.push(`    <Choice value="${xml(o)}"/>`);
      lines.push('  </Choices>');
    }
  }
  lines.push('  <TextArea name="note" toName="text" perRegion="true" editable="true"/>', '</View>');
  return `${lines.join('\n')}\n`;
}

/**
 * Label Studio JSON tasks, one per article, with each layer as one entry of
 * `annotations` whose `completed_by` names its annotator: layers are never
 * merged into one result. An unset attribute has no `choices` item. A
 * discontinuous span is one `labels` region per piece, each with
 * `meta: {factmark_span, fragment}`; its values, note and links go with the
 * first piece, whose region id is the annotation's.
 */
export function exportLabelStudio(input: ExportInput): ExportedFile[] {
  const tasks = input.articles.map(({ article, layer: full }, index) => ({
    id: index + 1,
    data: { text: article.text, article_id: article.id, title: article.title, source: article.source },
    annotations: layersOf(input, full).map(({ annotator, layer }) => {
      const ids = new Set(layer.annotations.map((a) => a.id));
      const result: LabelStudioResult[] = [];
      for (const a of layer.annotations) {
        const pieces = pieceTexts(a);
        pieces.forEach(({ start, end, text }, i) =>
          result.push({
            id: pieceRegionId(a.id, i),
            from_name: 'label',
            to_name: 'text',
            type: 'labels',
            value: { start, end, text, labels: [a.kind] },
            ...(pieces.length > 1 ? { meta: { factmark_span: a.id, fragment: i + 1 } } : {}),
          }),
        );
        // Values and the note go with the first piece, whose id is the annotation's.
        const { start, end, text } = pieces[0]!;
        const region = { start, end, text };
        for (const [name, value] of Object.entries(a.attributes)) {
          if (value === null || value === '') continue;
          const choices = Array.isArray(value) ? value : [String(value)];
          result.push({
            id: a.id,
            from_name: `${a.kind}.${name}`,
            to_name: 'text',
            type: 'choices',
            value: { ...region, choices },
          });
        }
        if (a.note)
          result.push({
            id: a.id,
            from_name: 'note',
            to_name: 'text',
            type: 'textarea',
            value: { ...region, text: [a.note] },
          });
      }
      for (const r of layer.relations) {
        if (ids.has(r.from) && r.to.kind === 'annotation' && ids.has(r.to.id))
          result.push({ from_id: r.from, to_id: r.to.id, type: 'relation', direction: 'right', labels: [r.type] });
      }
      return { completed_by: annotator, result };
    }),
  }));
  return [
    { path: 'label-studio-tasks.json', content: `${JSON.stringify(tasks, null, 2)}\n` },
    { path: 'label-studio-config.xml', content: labelStudioConfig(input) },
  ];
}
