import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImportReport } from '../../annotations/contract';
import { dispatch } from '../../annotations/dispatch';
import type { Annotation, ArticleLayer, ArticleSummary, Relation } from '../../annotations/model';
import { openLowdbRepository } from '../../annotations/node/lowdb-repository';
import type { ProjectData } from '../../annotations/repository';
import { createHandlers } from '../../annotations/service/index';
import type { RawSend } from '../contract/contract-cases';
import { ok } from '../contract/contract-cases';
import { hashStore } from './store-integrity';
import { makeTempDir } from './temp-dir';

export const FIXTURES = join(__dirname, '..', 'fixtures', 'interchange');

export interface ImportFileArg {
  name: string;
  content: string;
}

export const b64 = (text: string | Uint8Array) => Buffer.from(text).toString('base64');
export const fileOf = (name: string, text: string | Uint8Array): ImportFileArg => ({ name, content: b64(text) });

/** A fixture file, named by its path under the fixtures folder (or as `as`). */
export async function fixture(path: string, as = path): Promise<ImportFileArg> {
  return { name: as, content: (await readFile(join(FIXTURES, path))).toString('base64') };
}

export async function fixtureText(path: string): Promise<string> {
  return readFile(join(FIXTURES, path), 'utf8');
}

/** An empty store (no sample corpus) whose session annotator is `annotator`. */
export async function emptyStore(annotator = 'carol') {
  const temp = await makeTempDir();
  const dir = join(temp.dir, 'store');
  const repo = await openLowdbRepository(dir);
  const handlers = createHandlers(repo, { annotator });
  const send: RawSend = (name, args) => dispatch(handlers, name, args);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await repo.close();
  };
  return {
    dir,
    send,
    project: (): ProjectData => repo.readProject(),
    importFiles: (args: Record<string, unknown>) => ok<ImportReport>(send, 'import/files', args),
    articles: () => ok<ArticleSummary[]>(send, 'articles/list', {}),
    layer: (articleId: string) => ok<ArticleLayer>(send, 'annotations/list', { articleId }),
    /** Every file of the store, hashed: a refused import leaves them all as they were. */
    hash: () => hashStore(dir),
    close,
    dispose: async () => {
      await close();
      await temp.cleanup();
    },
  };
}
export type TestStore = Awaited<ReturnType<typeof emptyStore>>;

/** One layer of an article, ids aside: spans (kind, offsets, fragments, quote, values, note) and links by their ends' spans. */
export function layerShape(layer: Pick<ArticleLayer, 'annotations' | 'relations'>, annotator: string) {
  const mine = layer.annotations.filter((a) => a.annotator === annotator);
  const key = (a: Annotation) => `${a.kind} ${a.start}–${a.end}`;
  const byId = new Map(mine.map((a) => [a.id, a]));
  const spans = mine
    .map((a) => ({
      kind: a.kind,
      start: a.start,
      end: a.end,
      ...(a.fragments ? { fragments: a.fragments } : {}),
      quote: a.quote,
      attributes: a.attributes,
      note: a.note,
    }))
    .sort((x, y) => x.start - y.start || x.end - y.end || x.kind.localeCompare(y.kind) || x.note.localeCompare(y.note));
  const links = layer.relations
    .filter((r: Relation) => r.annotator === annotator)
    .map((r) => {
      const from = byId.get(r.from);
      const to = r.to.kind === 'annotation' ? byId.get(r.to.id) : undefined;
      return `${r.type}: ${from ? key(from) : `? ${r.from}`} → ${to ? key(to) : `${r.to.kind} ${r.to.id}`}`;
    })
    .sort();
  return { spans, links };
}
