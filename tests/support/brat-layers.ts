import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { ExportFile } from '../../annotations/contract';
import { parseBratConf } from '../../annotations/formats/brat-conf';
import { checkBratAnn } from '../../annotations/formats/brat-check';
import type { ExportedFile } from '../../annotations/formats/export-input';
import type { Annotation, ArticleLayer, Relation } from '../../annotations/model';
import type { Tagset } from '../../annotations/tagset';

export const BRAT_CORPORA = join(__dirname, '..', 'fixtures', 'brat-corpora');

/** An import's file: its name and its bytes in base64. */
export interface Payload {
  name: string;
  content: string;
}

/** Every file of a fixture corpus, named `<corpus>/<file>` as a folder chosen in the import dialog would be. */
export async function corpusFiles(corpus: string, only?: (name: string) => boolean): Promise<Payload[]> {
  const names = (await readdir(join(BRAT_CORPORA, corpus))).filter((n) => !n.endsWith('.json') && (!only || only(n)));
  return Promise.all(
    names.sort().map(async (n) => ({
      name: `${corpus}/${n}`,
      content: (await readFile(join(BRAT_CORPORA, corpus, n))).toString('base64'),
    })),
  );
}

/** The files of a brat export (a zip), without the zip's top folder. */
export function exportedFiles(file: ExportFile): ExportedFile[] {
  return Object.entries(unzipSync(new Uint8Array(Buffer.from(file.content, 'base64')))).map(([name, bytes]) => ({
    path: name.split('/').slice(1).join('/'),
    content: strFromU8(bytes),
  }));
}

export const asPayload = (files: readonly ExportedFile[], prefix = ''): Payload[] =>
  files.map((f) => ({ name: `${prefix}${f.path}`, content: Buffer.from(f.content, 'utf8').toString('base64') }));

/** Every .ann of an export checked against the export's own annotation.conf, as brat would: the problems, by file. */
export function bratExportProblems(files: readonly ExportedFile[]): string[] {
  const confFile = files.find((f) => f.path === 'annotation.conf');
  if (!confFile) return ['no annotation.conf at the top of the export'];
  const { conf, errors } = parseBratConf(confFile.content);
  if (!conf) return errors;
  return files
    .filter((f) => f.path.endsWith('.ann'))
    .flatMap((ann) => {
      const txt = files.find((f) => f.path === ann.path.replace(/\.ann$/, '.txt'));
      if (!txt) return [`${ann.path}: no .txt beside it`];
      return checkBratAnn(conf, txt.content, ann.content).map((p) => `${ann.path}: ${p}`);
    });
}

const sorted = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));

/** An annotation as compared between layers: everything but its id, layer and stamps. */
export const annotationSig = (a: Annotation) =>
  JSON.stringify([
    a.kind,
    a.start,
    a.end,
    a.fragments ?? null,
    a.quote,
    sorted(a.attributes),
    a.note,
    a.entityId,
    a.eventId,
  ]);

/**
 * One annotator's layer, ids aside: its annotations, its links by the
 * annotations they join (and their notes), and, for equivalences, the
 * groups they make (an equivalence is the same whichever way it is chained).
 */
export function layerShape(layer: ArticleLayer, annotator: string, tagset: Tagset) {
  const mine = layer.annotations.filter((a) => a.annotator === annotator);
  const sig = new Map(mine.map((a) => [a.id, annotationSig(a)]));
  const target = (r: Relation) => (r.to.kind === 'annotation' ? sig.get(r.to.id) : `entity ${r.to.id}`);
  const relations = layer.relations.filter((r) => r.annotator === annotator);
  const equivalence = new Set(tagset.relations.filter((r) => r.equivalence).map((r) => r.type));
  const groups: string[] = [];
  for (const type of equivalence) {
    const parent = new Map<string, string>();
    const root = (x: string): string => (parent.get(x) === x ? x : root(parent.get(x)!));
    for (const r of relations.filter((x) => x.type === type && x.to.kind === 'annotation' && !x.note)) {
      for (const id of [r.from, r.to.id]) if (!parent.has(id)) parent.set(id, id);
      parent.set(root(r.from), root(r.to.id));
    }
    const byRoot = new Map<string, string[]>();
    for (const id of parent.keys()) byRoot.set(root(id), [...(byRoot.get(root(id)) ?? []), sig.get(id)!]);
    for (const members of byRoot.values()) if (members.length > 1) groups.push(`${type} ${members.sort().join(' = ')}`);
  }
  return {
    annotations: mine.map(annotationSig).sort(),
    links: relations
      .filter((r) => !equivalence.has(r.type) || r.note)
      .map((r) => JSON.stringify([r.type, sig.get(r.from), target(r), r.note ?? '']))
      .sort(),
    groups: groups.sort(),
  };
}
