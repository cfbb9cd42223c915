import type { Annotation, Article, ArticleLayer, Entity } from '../model';
import type { Tagset } from '../tagset';
import type { ExportedFile, ExportInput } from './export-input';
import { safeName } from './export-input';
import { offsetMap } from './offsets';

/**
 * brat standoff: DOC.txt beside DOC.ann with T (span), R (relation), E (event
 * with roles), A (attribute), N (normalisation) and # (note) lines, offsets
 * in Unicode code points, end-exclusive. A span that crosses a line break is
 * written as discontinuous fragments, one per line, as brat requires.
 * @see https://brat.nlplab.org/standoff.html
 */

/** Attribute values are single tokens in brat: spaces become underscores (and back on import). */
export const bratValue = (value: string) => value.replace(/\s+/g, '_');

/** The role relations of a tagset: those starting from an event-linking kind become E-line arguments. */
export function roleTypes(tagset: Tagset): Set<string> {
  const eventKinds = new Set(tagset.kinds.filter((k) => k.linksEvent).map((k) => k.kind));
  return new Set(tagset.relations.filter((r) => r.from.some((k) => eventKinds.has(k))).map((r) => r.type));
}

/** Splits [start, end) at line breaks into the fragments brat allows. */
function fragments(text: string, start: number, end: number): [number, number][] {
  const parts: [number, number][] = [];
  let from = start;
  for (let i = start; i <= end; i++) {
    if (i === end || text[i] === '\n') {
      if (i > from) parts.push([from, i]);
      from = i + 1;
    }
  }
  return parts;
}

const oneLine = (value: string) => value.replace(/[\t\n\r]+/g, ' ');

export function serializeBratAnn(
  article: Article,
  layer: ArticleLayer,
  tagset: Tagset,
  entities: readonly Entity[],
): string {
  const map = offsetMap(article.text);
  const roles = roleTypes(tagset);
  const eventKinds = new Set(tagset.kinds.filter((k) => k.linksEvent).map((k) => k.kind));
  const tId = new Map<string, string>();
  const lines: string[] = [];
  const counters = { T: 0, R: 0, E: 0, A: 0, N: 0, note: 0 };
  const next = (key: keyof typeof counters) => ++counters[key];

  for (const a of layer.annotations) {
    const id = `T${next('T')}`;
    tId.set(a.id, id);
    const parts = fragments(article.text, a.start, a.end);
    const offsets = parts.map(([s, e]) => `${map.toCodePoint(s)} ${map.toCodePoint(e)}`).join(';');
    lines.push(`${id}\t${a.kind} ${offsets}\t${parts.map(([s, e]) => article.text.slice(s, e)).join(' ')}`);
  }
  const eId = new Map<string, string>();
  for (const a of layer.annotations.filter((x) => eventKinds.has(x.kind))) {
    const id = `E${next('E')}`;
    eId.set(a.id, id);
    const args = layer.relations
      .filter((r) => r.from === a.id && roles.has(r.type) && r.to.kind === 'annotation' && tId.has(r.to.id))
      .map((r) => `${r.type}:${tId.get(r.to.id)}`);
    lines.push(`${id}\t${a.kind}:${tId.get(a.id)}${args.map((x) => ` ${x}`).join('')}`);
  }
  const target = (a: Annotation) => eId.get(a.id) ?? tId.get(a.id)!;
  for (const r of layer.relations) {
    if (roles.has(r.type) || r.to.kind !== 'annotation' || !tId.has(r.from) || !tId.has(r.to.id)) continue;
    lines.push(`R${next('R')}\t${r.type} Arg1:${tId.get(r.from)} Arg2:${tId.get(r.to.id)}`);
  }
  for (const a of layer.annotations) {
    for (const def of tagset.kinds.find((k) => k.kind === a.kind)?.attributes ?? []) {
      const value = a.attributes[def.name];
      if (value === null || value === undefined || value === false || value === '') continue;
      if (value === true) lines.push(`A${next('A')}\t${def.name} ${target(a)}`);
      else
        for (const v of Array.isArray(value) ? value : [value])
          lines.push(`A${next('A')}\t${def.name} ${target(a)} ${bratValue(String(v))}`);
    }
  }
  for (const a of layer.annotations) {
    const entity = entities.find((e) => e.id === a.entityId);
    if (entity) {
      lines.push(`N${next('N')}\tReference ${tId.get(a.id)} Factmark:${entity.id}\t${oneLine(entity.name)}`);
      if (entity.externalId && /^Q\d+$/.test(entity.externalId))
        lines.push(`N${next('N')}\tReference ${tId.get(a.id)} Wikidata:${entity.externalId}\t${oneLine(entity.name)}`);
    }
    if (a.eventId) lines.push(`N${next('N')}\tReference ${tId.get(a.id)} FactmarkEvent:${a.eventId}\tevent record`);
    if (a.note) lines.push(`#${next('note')}\tAnnotatorNotes ${tId.get(a.id)}\t${oneLine(a.note)}`);
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

/** annotation.conf describing the tagset, so brat shows and checks the export. */
export function serializeBratConf(tagset: Tagset): string {
  const roles = roleTypes(tagset);
  const eventKinds = tagset.kinds.filter((k) => k.linksEvent);
  const args = (kinds: readonly string[]) => kinds.filter((k) => k !== 'entity').join('|');
  const lines = ['[entities]', ...tagset.kinds.filter((k) => !k.linksEvent).map((k) => k.kind), '', '[relations]'];
  for (const r of tagset.relations.filter((x) => !roles.has(x.type)))
    lines.push(`${r.type}\tArg1:${args(r.from)}, Arg2:${args(r.to)}`);
  lines.push('<OVERLAP>\tArg1:<ANY>, Arg2:<ANY>, <OVL-TYPE>:<ANY>', '', '[events]');
  for (const k of eventKinds) {
    const roleArgs = tagset.relations
      .filter((r) => roles.has(r.type) && r.from.includes(k.kind) && args(r.to) !== '')
      .map((r) => `${r.type}*:${args(r.to)}`);
    lines.push(`${k.kind}${roleArgs.length > 0 ? `\t${roleArgs.join(', ')}` : ''}`);
  }
  lines.push('', '[attributes]');
  for (const k of tagset.kinds) {
    for (const a of k.attributes) {
      if (a.type === 'boolean') lines.push(`${a.name}\tArg:${k.kind}`);
      if (a.type === 'choice' || a.type === 'multi-choice')
        lines.push(`${a.name}\tArg:${k.kind}, Value:${a.options.map(bratValue).join('|')}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** One DOC.txt and DOC.ann per article, and annotation.conf. */
export function exportBrat(input: ExportInput): ExportedFile[] {
  const files: ExportedFile[] = [{ path: 'annotation.conf', content: serializeBratConf(input.tagset) }];
  for (const { article, layer } of input.articles) {
    files.push({ path: `${safeName(article.id)}.txt`, content: article.text });
    files.push({
      path: `${safeName(article.id)}.ann`,
      content: serializeBratAnn(article, layer, input.tagset, input.entities),
    });
  }
  return files;
}
