// The JSONL, brat and W3C exports as they were written before they were
// streamed: each file built whole as one string. Kept as the reference the
// streamed exports must equal byte for byte (tests/unit/export-stream.test.ts).

import type { ArticleLayer } from '../../annotations/model';
import type { Tagset } from '../../annotations/tagset';
import { serializeBratAnn, serializeBratConf } from '../../annotations/formats/brat-standoff-format';
import type { BratAttributeStyle } from '../../annotations/formats/brat-standoff-format';
import { serializeBratVisual } from '../../annotations/formats/brat-conf-write';
import type { ExportedFile, ExportInput } from '../../annotations/formats/export-input';
import { byLayerName, layerFolders, layersOf, safeName } from '../../annotations/formats/export-input';
import { offsetMap } from '../../annotations/formats/offsets';
import type { W3CAnnotation, W3CLinkingAnnotation } from '../../annotations/formats/w3c-web-annotation-format';
import { linkToW3C, toW3C } from '../../annotations/formats/w3c-web-annotation-format';

/**
 * JSON Lines: one line per article and layer with its text, the layer's
 * annotator, annotations, relations and document labels, and the entities
 * and events they link to, so each line stands on its own. An export of every
 * layer writes one line per annotator of the article (and one with
 * `annotator: null` for an article no one annotated). Offsets are JavaScript
 * string offsets (UTF-16 code units), end-exclusive, as in the store; a
 * discontinuous span keeps its `fragments` (`start`/`end` frame them). An
 * unset attribute is `null`.
 */
export function wholeJsonl(input: ExportInput): ExportedFile[] {
  const lines = input.articles.flatMap(({ article, layer }) => {
    const layers = layersOf(input, layer);
    const named = layers.length > 0 ? layers : [{ annotator: null, layer }];
    return named.map(({ annotator, layer: own }) => {
      const entityIds = new Set(own.annotations.flatMap((a) => (a.entityId ? [a.entityId] : [])));
      for (const r of own.relations) if (r.to.kind === 'entity') entityIds.add(r.to.id);
      const eventIds = new Set(own.annotations.flatMap((a) => (a.eventId ? [a.eventId] : [])));
      return JSON.stringify({
        ...article,
        offsetUnit: 'utf16',
        annotator,
        annotations: own.annotations,
        relations: own.relations,
        documentLabels: own.documentLabels,
        entities: input.entities.filter((e) => entityIds.has(e.id)),
        events: input.events.filter((e) => eventIds.has(e.id)),
      });
    });
  });
  return [{ path: 'articles.jsonl', content: lines.length > 0 ? `${lines.join('\n')}\n` : '' }];
}

/** Booleans some annotation of the export sets to no: brat's binary attributes cannot say it, so these carry values. */
function valuedBooleans(tagset: Tagset, layers: readonly ArticleLayer[]): Set<string> {
  const names = new Set<string>();
  for (const layer of layers)
    for (const a of layer.annotations)
      for (const def of tagset.kinds.find((k) => k.kind === a.kind)?.attributes ?? [])
        if (def.type === 'boolean' && a.attributes[def.name] === false) names.add(def.name);
  return names;
}

/** The annotators an article's layer holds, each with their part. */
function byAnnotator(layer: ArticleLayer): Map<string, ArticleLayer> {
  const names = new Set([...layer.annotations, ...layer.relations].map((r) => r.annotator));
  return new Map(
    [...names].sort(byLayerName).map((name) => [
      name,
      {
        annotations: layer.annotations.filter((a) => a.annotator === name),
        relations: layer.relations.filter((r) => r.annotator === name),
        documentLabels: [],
      },
    ]),
  );
}

/**
 * DOC.txt and DOC.ann per article, and annotation.conf. With one layer the
 * files lie side by side; with several, each annotator has a folder of
 * their own (`alice/DOC.txt`, `alice/DOC.ann`), annotation.conf above them
 * all (brat reads the nearest conf up the tree).
 */
export function wholeBrat(input: ExportInput): ExportedFile[] {
  const parts = input.articles.map(({ article, layer }) => ({ article, layers: byAnnotator(layer) }));
  const annotators = [...new Set(parts.flatMap((p) => [...p.layers.keys()]))].sort(byLayerName);
  const folders = annotators.length > 1 ? layerFolders(annotators) : null;
  const style: BratAttributeStyle = {
    valuedBooleans: valuedBooleans(
      input.tagset,
      input.articles.map((a) => a.layer),
    ),
    tokens: new Map(),
    relationLines: new Set(),
  };
  const files: ExportedFile[] = [];
  const options = { entities: input.entities, events: input.events, style };
  for (const { article, layers } of parts) {
    const name = safeName(article.id);
    const written = folders ? [...layers] : [[annotators[0] ?? '', layers.values().next().value] as const];
    for (const [annotator, layer] of written) {
      const folder = folders ? `${folders.get(annotator)}/` : '';
      files.push({ path: `${folder}${name}.txt`, content: article.text });
      const empty: ArticleLayer = { annotations: [], relations: [], documentLabels: [] };
      files.push({
        path: `${folder}${name}.ann`,
        content: serializeBratAnn(article, layer ?? empty, input.tagset, options),
      });
    }
  }
  return [
    { path: 'annotation.conf', content: serializeBratConf(input.tagset, style) },
    { path: 'visual.conf', content: serializeBratVisual(input.tagset) },
    ...files,
  ];
}

/**
 * One AnnotationCollection for the export, and each article's text beside it
 * (the selectors' source). Every annotation names its annotator as
 * `creator`; a discontinuous span targets each of its pieces; relations
 * follow as linking annotations.
 */
export function wholeW3C(input: ExportInput): ExportedFile[] {
  const entities = new Map(input.entities.map((e) => [e.id, e]));
  const items = input.articles.flatMap(({ article, layer }) => {
    const map = offsetMap(article.text);
    return [
      ...layer.annotations.map((a): W3CAnnotation | W3CLinkingAnnotation => toW3C(article, a, entities, map)),
      ...layer.relations.map((r) => linkToW3C(r, entities)),
    ];
  });
  const collection = {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id: 'urn:factmark:export',
    type: 'AnnotationCollection',
    label: `Factmark export (${input.tagset.name})`,
    total: items.length,
    first: { id: 'urn:factmark:export:page1', type: 'AnnotationPage', startIndex: 0, items },
  };
  return [
    { path: 'annotations.jsonld', content: `${JSON.stringify(collection, null, 2)}\n` },
    ...input.articles.map(({ article }) => ({ path: `texts/${safeName(article.id)}.txt`, content: article.text })),
  ];
}
