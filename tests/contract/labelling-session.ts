import { afterEach, beforeEach, expect } from 'vitest';
import type { ChangeSet } from '../../annotations/contract';
import type { Annotation, Article, ArticleLayer, Relation } from '../../annotations/model';
import { makeTempDir } from '../support/temp-dir';
import type { RawSend } from './contract-cases';
import { FIRST, ok } from './contract-cases';
import type { Transport } from './transports';

export const A001 = '001_3eea3b6f31cb041f';
export const A002 = '002_7feab6871f0e57f9';
export const A003 = '003_868bd8ac9b581218';
export const A004 = '004_74bfdcc74ec9356c';

export type OpenTransport = (storeDir: string, annotator?: string) => Promise<Transport>;

/** A fresh store per test over one transport, with shorthands for the fact-labelling operations. */
export interface LabellingSession {
  send: RawSend;
  /** Closes the store and opens it again as another annotator. */
  reopen(annotator: string): Promise<void>;
  mutate<T>(name: string, args: unknown): Promise<{ value: T; changeSet: ChangeSet }>;
  layer(articleId?: string): Promise<ArticleLayer>;
  text(articleId?: string): Promise<string>;
  /** The nth occurrence (from 0) of `needle` in an article, as span arguments. */
  span(needle: string, articleId?: string, nth?: number): Promise<SpanArgs>;
  tag(kind: string, needle: string, articleId?: string, extra?: object, nth?: number): Promise<Annotation>;
  /** Creates a relation from one span to another span of its article, or to a registry entity. */
  link(type: string, from: Annotation, to: Annotation | { entity: string }): Promise<Relation>;
  undo(changeSet: ChangeSet): Promise<unknown>;
  redo(changeSet: ChangeSet): Promise<unknown>;
}

export interface SpanArgs {
  articleId: string;
  start: number;
  end: number;
  quote: string;
}

/** Registers the hooks that give each test of the enclosing `describe` its own store. */
export function useLabellingSession(open: OpenTransport): LabellingSession {
  let storeDir = '';
  let cleanup: () => Promise<void> = async () => undefined;
  let transport: Transport | null = null;

  beforeEach(async () => {
    ({ dir: storeDir, cleanup } = await makeTempDir());
    transport = await open(storeDir);
  });
  afterEach(async () => {
    await transport?.close();
    transport = null;
    await cleanup();
  });

  const send: RawSend = (name, args) => transport!.send(name, args);
  const session: LabellingSession = {
    send,
    reopen: async (annotator) => {
      await transport?.close();
      transport = await open(storeDir, annotator);
    },
    mutate: (name, args) => ok(send, name, args),
    layer: (articleId = FIRST) => ok<ArticleLayer>(send, 'annotations/list', { articleId }),
    text: async (articleId = FIRST) => (await ok<Article>(send, 'articles/get', { articleId })).text,
    span: async (needle, articleId = FIRST, nth = 0) => {
      const text = await session.text(articleId);
      let start = -1;
      for (let i = 0; i <= nth; i++) start = text.indexOf(needle, start + 1);
      expect(start, `"${needle}" #${nth} in ${articleId}`).toBeGreaterThanOrEqual(0);
      return { articleId, start, end: start + needle.length, quote: needle };
    },
    tag: async (kind, needle, articleId = FIRST, extra = {}, nth = 0) => {
      const span = await session.span(needle, articleId, nth);
      return (await session.mutate<Annotation>('annotations/create', { ...span, kind, ...extra })).value;
    },
    link: async (type, from, to) => {
      const target = 'entity' in to ? { kind: 'entity', id: to.entity } : { kind: 'annotation', id: to.id };
      const args = { articleId: from.articleId, type, from: from.id, to: target };
      return (await session.mutate<Relation>('relations/create', args)).value;
    },
    undo: (changeSet) => ok(send, 'history/apply', { changeSet, direction: 'undo' }),
    redo: (changeSet) => ok(send, 'history/apply', { changeSet, direction: 'redo' }),
  };
  return session;
}
