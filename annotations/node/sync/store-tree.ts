import { summarize } from '../../model';
import type { Article, ArticleLayer } from '../../model';
import type { StoreContent } from '../../sync';
import { unreadable } from '../atomic-json-file';
import type { ArticleFile, IndexFile, LayerFile } from '../store-files';
import { STORE_SCHEMA_VERSION } from '../store-files';
import {
  codecFor,
  GITIGNORE,
  joinLayers,
  joinProject,
  PATHS,
  PROJECT_PATHS,
  projectParts,
  splitLayers,
} from '../store-layout';

/** A store's shared files as git holds them: path (with `/`) to content. */
export type StoreTree = Map<string, Uint8Array>;

const encoder = new TextEncoder();

/** The files a store's content is written to (the settings and other files are not part of the content). */
const CONTENT_FILES = new Set<string>([
  PATHS.index,
  ...PROJECT_PATHS.filter((path) => path !== PATHS.sharedSettings && path !== PATHS.localSettings),
]);

/** Whether a path holds part of the store's content (rather than settings or a file Factmark does not know). */
export function isContentPath(path: string): boolean {
  return CONTENT_FILES.has(path) || path.startsWith('articles/') || path.startsWith('layers/');
}

/** Decodes one file of a tree through the layout's codec; an unreadable file is an error naming it. */
function decode<T>(files: ReadonlyMap<string, Uint8Array>, path: string): T | null {
  const bytes = files.get(path);
  if (!bytes) return null;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw unreadable(path, 'it is not UTF-8 text');
  }
  return codecFor(path, path).decode(text) as T;
}

function required<T>(files: ReadonlyMap<string, Uint8Array>, path: string): T {
  const data = decode<T>(files, path);
  if (data === null) throw unreadable(path, 'the file is missing from the project');
  return data;
}

/**
 * The store content of a tree of store files (layout version 2). A file that
 * does not parse, a missing one, or a layer kept under another name is a
 * `store-unreadable` error naming the path.
 */
export function treeToStoreContent(files: ReadonlyMap<string, Uint8Array>): StoreContent {
  const index = required<IndexFile>(files, PATHS.index);
  const known = new Set(index.articles.map((a) => a.id));
  const articles: Article[] = index.articles.map(
    (summary) => required<ArticleFile>(files, PATHS.article(summary.id)).article,
  );
  const read = new Map<string, unknown>();
  for (const path of [PATHS.tagset, PATHS.entities, PATHS.events, PATHS.guidelines, PATHS.members, PATHS.assignments])
    read.set(path, decode(files, path));
  const project = joinProject(read);
  if (!project) throw unreadable(PATHS.tagset, 'the file is missing from the project');

  const byArticle = new Map<string, Map<string, LayerFile>>();
  for (const path of [...files.keys()].sort()) {
    if (!path.startsWith('layers/')) continue;
    const layer = required<LayerFile>(files, path);
    const own = PATHS.layer(layer.articleId, layer.annotator);
    if (own !== path)
      throw unreadable(
        path,
        `it holds the layer of "${layer.annotator}" in article "${layer.articleId}", whose file is ${own}`,
      );
    if (!known.has(layer.articleId))
      throw unreadable(path, `it is a layer of article "${layer.articleId}", which the index does not list`);
    let layers = byArticle.get(layer.articleId);
    if (!layers) byArticle.set(layer.articleId, (layers = new Map()));
    layers.set(path, layer);
  }
  const layers: Record<string, ArticleLayer> = {};
  for (const [articleId, parts] of byArticle) {
    const { annotations, relations, documentLabels, decisions, rejections } = joinLayers(articleId, parts);
    layers[articleId] = {
      annotations,
      relations,
      documentLabels,
      ...(decisions ? { decisions } : {}),
      ...(rejections ? { rejections } : {}),
    };
  }
  return {
    articles,
    layers,
    tagset: project.tagset,
    entities: project.entities,
    events: project.events,
    guidelines: project.guidelines,
    ...(project.members ? { members: project.members } : {}),
    ...(project.assignments ? { assignments: project.assignments } : {}),
  };
}

const encode = (path: string, data: unknown): Uint8Array => encoder.encode(codecFor(path, path).encode(data));

/**
 * The files a store of this content holds, byte for byte as the repository
 * writes them: the same content always gives the same files, so a sync never
 * rewrites a file nobody changed. The settings files are not part of it.
 */
export function storeContentToTree(content: StoreContent): StoreTree {
  const tree: StoreTree = new Map();
  tree.set('.gitignore', encoder.encode(GITIGNORE));
  const index: IndexFile = { schemaVersion: STORE_SCHEMA_VERSION, articles: content.articles.map(summarize) };
  tree.set(PATHS.index, encode(PATHS.index, index));
  for (const article of content.articles) {
    const file: ArticleFile = { schemaVersion: STORE_SCHEMA_VERSION, article };
    tree.set(PATHS.article(article.id), encode(PATHS.article(article.id), file));
  }
  const { tagset, entities, events, guidelines, members, assignments } = content;
  for (const [path, data] of projectParts({ tagset, entities, events, guidelines, members, assignments }))
    tree.set(path, encode(path, data));
  for (const [articleId, layer] of Object.entries(content.layers))
    for (const [path, file] of splitLayers({ articleId, ...layer })) tree.set(path, encode(path, file));
  return tree;
}

/** `items` in the order they first appear in the reference lists (by key), the others after them in their own order. */
function orderLike<T>(items: readonly T[], key: (item: T) => string, ...references: (readonly T[] | undefined)[]): T[] {
  const rank = new Map<string, number>();
  for (const list of references)
    for (const item of list ?? []) if (!rank.has(key(item))) rank.set(key(item), rank.size);
  const position = (item: T, i: number) => rank.get(key(item)) ?? rank.size + i;
  return items
    .map((item, i) => ({ item, at: position(item, i) }))
    .sort((a, b) => a.at - b.at)
    .map(({ item }) => item);
}

const byId = (record: { id: string }) => record.id;

/**
 * Merged content with every list in the order our side (then theirs) keeps it:
 * a record nobody moved stays where it was, so the files of unchanged parts
 * are written the same. A team file our side has and the merge emptied stays,
 * empty, as the repository keeps it.
 */
export function orderLikeSides(merged: StoreContent, ours: StoreContent, theirs: StoreContent): StoreContent {
  const layers: Record<string, ArticleLayer> = {};
  for (const [articleId, layer] of Object.entries(merged.layers)) {
    const o = ours.layers[articleId];
    const t = theirs.layers[articleId];
    layers[articleId] = {
      annotations: orderLike(layer.annotations, byId, o?.annotations, t?.annotations),
      relations: orderLike(layer.relations, byId, o?.relations, t?.relations),
      documentLabels: orderLike(layer.documentLabels, (d) => d.annotator, o?.documentLabels, t?.documentLabels),
      ...(layer.decisions ? { decisions: orderLike(layer.decisions, (d) => d.key, o?.decisions, t?.decisions) } : {}),
      ...(layer.rejections
        ? { rejections: orderLike(layer.rejections, (r) => `${r.annotator}/${r.id}`, o?.rejections, t?.rejections) }
        : {}),
    };
  }
  const team = {
    ...(merged.members || ours.members ? { members: merged.members ?? [] } : {}),
    ...(merged.assignments || ours.assignments ? { assignments: merged.assignments ?? [] } : {}),
  };
  return {
    ...merged,
    ...team,
    articles: orderLike(merged.articles, byId, ours.articles, theirs.articles),
    entities: orderLike(merged.entities, byId, ours.entities, theirs.entities),
    events: orderLike(merged.events, byId, ours.events, theirs.events),
    layers,
  };
}

const same = (a: Uint8Array | undefined, b: Uint8Array | undefined): boolean =>
  a === b || (a !== undefined && b !== undefined && Buffer.from(a).equals(Buffer.from(b)));

/**
 * The tree of a merge: the merged content's files; article texts (which never
 * change) as either side keeps them; a layer file our side has and the merge
 * emptied, written empty as the repository does; and every other file (shared
 * settings, files Factmark does not know) merged as a whole: the side that
 * changed it wins, ours when both did.
 */
export function mergedTree(
  merged: StoreContent,
  trees: {
    base: ReadonlyMap<string, Uint8Array>;
    ours: ReadonlyMap<string, Uint8Array>;
    theirs: ReadonlyMap<string, Uint8Array>;
  },
  contents: { ours: StoreContent; theirs: StoreContent },
): StoreTree {
  const { base, ours, theirs } = trees;
  const tree = storeContentToTree(orderLikeSides(merged, contents.ours, contents.theirs));
  for (const path of tree.keys()) {
    if (!path.startsWith('articles/')) continue;
    const kept = ours.get(path) ?? theirs.get(path);
    if (kept) tree.set(path, kept);
  }
  for (const [path, bytes] of ours) {
    if (!path.startsWith('layers/') || tree.has(path)) continue;
    const layer = decode<LayerFile>(ours, path)!;
    if (!merged.articles.some((a) => a.id === layer.articleId)) continue;
    const empty: LayerFile = { ...layer, annotations: [], relations: [], documentLabels: [] };
    delete empty.decisions;
    delete empty.rejections;
    tree.set(
      path,
      layer.annotations.length + layer.relations.length + layer.documentLabels.length === 0 &&
        !layer.decisions &&
        !layer.rejections
        ? bytes
        : encode(path, empty),
    );
  }
  if (ours.has('.gitignore')) tree.set('.gitignore', ours.get('.gitignore')!);
  for (const path of new Set([...base.keys(), ...ours.keys(), ...theirs.keys()])) {
    if (isContentPath(path) || path === '.gitignore') continue;
    const chosen = same(ours.get(path), base.get(path)) ? theirs.get(path) : ours.get(path);
    if (chosen) tree.set(path, chosen);
  }
  return tree;
}
