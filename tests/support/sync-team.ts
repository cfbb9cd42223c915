import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dispatch } from '../../annotations/dispatch';
import type { Annotation, Article, Entity } from '../../annotations/model';
import { isIgnored } from '../../annotations/node/git';
import { STORE_IGNORE } from '../../annotations/node/sync';
import { openWorkspace } from '../../annotations/node/workspace';
import type { WorkspaceOptions } from '../../annotations/node/workspace';

export const SAMPLE_DIR = fileURLToPath(new URL('../../annotations/sample-corpus', import.meta.url));

/** One member of a team at work in a store: every edit goes through the contract's handlers, as the app's do. */
export interface Member {
  call<T>(name: string, args: unknown): Promise<T>;
  close(): Promise<void>;
}

export async function openMember(
  storeDir: string,
  annotator: string,
  options: Pick<WorkspaceOptions, 'onSwitch'> = {},
): Promise<Member> {
  const workspace = await openWorkspace({
    storeDir,
    annotator,
    annotatorGiven: true,
    sampleDir: SAMPLE_DIR,
    ...options,
  });
  return {
    async call<T>(name: string, args: unknown): Promise<T> {
      const envelope = await dispatch(workspace.handlers, name, args);
      if (!envelope.ok) throw new Error(`${name}: ${envelope.error.message}`);
      return envelope.result as T;
    },
    close: () => workspace.close(),
  };
}

/** Opens the store as `annotator`, does `work`, and closes it (a sync needs the store closed). */
export async function asMember<T>(storeDir: string, annotator: string, work: (m: Member) => Promise<T>): Promise<T> {
  const member = await openMember(storeDir, annotator);
  try {
    return await work(member);
  } finally {
    await member.close();
  }
}

/** Marks the `n`-th word of an article (a speaker unless told) in the member's own layer. */
export async function annotateWord(
  member: Member,
  articleId: string,
  n: number,
  kind = 'speaker',
): Promise<Annotation> {
  const article = await member.call<Article>('articles/get', { articleId });
  const words = [...article.text.matchAll(/[A-Za-z]{3,}/g)];
  const word = words[n % words.length]!;
  const created = await member.call<{ value: Annotation }>('annotations/create', {
    articleId,
    kind,
    start: word.index,
    end: word.index + word[0].length,
    quote: word[0],
  });
  return created.value;
}

export async function addEntity(member: Member, id: string, name: string): Promise<Entity> {
  const created = await member.call<{ value: Entity }>('entities/create', {
    id,
    name,
    type: 'person',
    aliases: [],
    externalId: null,
  });
  return created.value;
}

/** The files of a store folder a commit would take (all but the ignore list), as a git tree holds them. */
export async function storeFiles(storeDir: string): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  for (const entry of await readdir(storeDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = relative(storeDir, join(entry.parentPath, entry.name)).split(sep).join('/');
    if (isIgnored(path, STORE_IGNORE)) continue;
    files.set(path, new Uint8Array(await readFile(join(storeDir, path))));
  }
  return files;
}

export const asText = (files: ReadonlyMap<string, Uint8Array>): Record<string, string> =>
  Object.fromEntries([...files].sort(([a], [b]) => (a < b ? -1 : 1)).map(([p, c]) => [p, new TextDecoder().decode(c)]));
