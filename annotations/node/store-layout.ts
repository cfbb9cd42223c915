import { EntitySchema, EventRecordSchema, GOLD } from '../model';
import { ArticleFileSchema } from './store-files';
import { encodeAnnotatorFileName } from './layer-file-names';
import type { AnnotationFile, LayerFile, ProjectFile, Settings } from './store-files';
import {
  IndexFileSchema,
  LayerFileSchema,
  SettingsFileSchema,
  STORE_SCHEMA_VERSION,
  TagsetFileSchema,
} from './store-files';
import type { StoreCodec } from './store-text-file';
import { jsonCodec, recordsCodec, textCodec } from './store-text-file';
import { assignmentsCodec, membersCodec } from './team-files';

/**
 * Layout version 2: where each part of the store lives, so that concurrent
 * work of different people lands in different files (one per article per
 * annotator) or in records merged by id (one a line).
 */
export const PATHS = {
  index: 'index.json',
  tagset: 'tagset.json',
  entities: 'entities.jsonl',
  events: 'events.jsonl',
  guidelines: 'guidelines.md',
  /** The team: one member a line, by name; one assignment (annotator, article) a line, by annotator then article. */
  members: 'members.jsonl',
  assignments: 'assignments.jsonl',
  /** Settings the team shares (the reviewing organisation). */
  sharedSettings: 'settings.json',
  /** Settings of this machine only (the annotator's name): never shared. */
  localSettings: 'local/settings.json',
  article: (articleId: string) => `articles/${articleId}.json`,
  layerDir: (articleId: string) => `layers/${articleId}`,
  layer: (articleId: string, annotator: string) => `layers/${articleId}/${encodeAnnotatorFileName(annotator)}.json`,
} as const;

/** What a shared copy of the store (a git repository) leaves out. */
export const GITIGNORE = [
  '# Kept on this machine only',
  'local/',
  'backup/',
  'journal.json',
  'store.lock/',
  '.*.tmp',
  '',
].join('\n');

/** The files the project is kept in. */
export const PROJECT_PATHS = [
  PATHS.tagset,
  PATHS.entities,
  PATHS.events,
  PATHS.guidelines,
  PATHS.members,
  PATHS.assignments,
  PATHS.sharedSettings,
  PATHS.localSettings,
] as const;

/** The codec of a store file by its path inside the store (`full` names it in messages). */
export function codecFor(path: string, full: string): StoreCodec<unknown> {
  switch (path) {
    case PATHS.index:
      return jsonCodec(full, IndexFileSchema) as StoreCodec<unknown>;
    case PATHS.tagset:
      return jsonCodec(full, TagsetFileSchema) as StoreCodec<unknown>;
    case PATHS.entities:
      return recordsCodec(full, EntitySchema) as StoreCodec<unknown>;
    case PATHS.events:
      return recordsCodec(full, EventRecordSchema) as StoreCodec<unknown>;
    case PATHS.guidelines:
      return textCodec as StoreCodec<unknown>;
    case PATHS.members:
      return membersCodec(full) as StoreCodec<unknown>;
    case PATHS.assignments:
      return assignmentsCodec(full) as StoreCodec<unknown>;
    case PATHS.sharedSettings:
    case PATHS.localSettings:
      return jsonCodec(full, SettingsFileSchema) as StoreCodec<unknown>;
    default:
      if (path.startsWith('layers/')) return jsonCodec(full, LayerFileSchema) as StoreCodec<unknown>;
      if (path.startsWith('articles/')) return jsonCodec(full, ArticleFileSchema) as StoreCodec<unknown>;
      return textCodec as StoreCodec<unknown>;
  }
}

/**
 * The project's files and their data; a settings file is absent while no
 * setting was ever saved, a team file while the team never had such a record.
 */
export function projectParts(project: ProjectFile): Map<string, unknown> {
  const parts = new Map<string, unknown>([
    [PATHS.tagset, { schemaVersion: STORE_SCHEMA_VERSION, tagset: project.tagset }],
    [PATHS.entities, project.entities],
    [PATHS.events, project.events],
    [PATHS.guidelines, project.guidelines],
  ]);
  if (project.members) parts.set(PATHS.members, project.members);
  if (project.assignments) parts.set(PATHS.assignments, project.assignments);
  if (project.settings) {
    const { annotator, reviewingOrganisation, suggestions } = project.settings;
    parts.set(PATHS.sharedSettings, {
      schemaVersion: STORE_SCHEMA_VERSION,
      settings: {
        ...(reviewingOrganisation === undefined ? {} : { reviewingOrganisation }),
        ...(suggestions === undefined ? {} : { suggestions }),
      },
    });
    parts.set(PATHS.localSettings, {
      schemaVersion: STORE_SCHEMA_VERSION,
      settings: annotator === undefined ? {} : { annotator },
    });
  }
  return parts;
}

/** The project from its files as read (null: a missing file); null when the store has none yet. */
export function joinProject(read: ReadonlyMap<string, unknown>): ProjectFile | null {
  const tagset = read.get(PATHS.tagset) as { tagset: ProjectFile['tagset'] } | null | undefined;
  if (!tagset) return null;
  const shared = read.get(PATHS.sharedSettings) as { settings: Settings } | null | undefined;
  const local = read.get(PATHS.localSettings) as { settings: Settings } | null | undefined;
  const members = read.get(PATHS.members) as ProjectFile['members'] | null | undefined;
  const assignments = read.get(PATHS.assignments) as ProjectFile['assignments'] | null | undefined;
  return {
    tagset: tagset.tagset,
    entities: (read.get(PATHS.entities) as ProjectFile['entities'] | null) ?? [],
    events: (read.get(PATHS.events) as ProjectFile['events'] | null) ?? [],
    guidelines: (read.get(PATHS.guidelines) as string | null) ?? '',
    ...(shared || local ? { settings: { ...shared?.settings, ...local?.settings } } : {}),
    ...(members ? { members } : {}),
    ...(assignments ? { assignments } : {}),
  };
}

/** One article's layers split by annotator, keyed by file path; the gold layer holds the decisions. */
export function splitLayers(file: AnnotationFile): Map<string, LayerFile> {
  const byAnnotator = new Map<string, LayerFile>();
  const part = (annotator: string): LayerFile => {
    let layer = byAnnotator.get(annotator);
    if (!layer) {
      layer = {
        schemaVersion: STORE_SCHEMA_VERSION,
        articleId: file.articleId,
        annotator,
        annotations: [],
        relations: [],
        documentLabels: [],
      };
      byAnnotator.set(annotator, layer);
    }
    return layer;
  };
  for (const a of file.annotations) part(a.annotator).annotations.push(a);
  for (const r of file.relations) part(r.annotator).relations.push(r);
  for (const d of file.documentLabels) part(d.annotator).documentLabels.push(d);
  if (file.decisions) part(GOLD).decisions = file.decisions;
  for (const r of file.rejections ?? []) (part(r.annotator).rejections ??= []).push(r);
  return new Map([...byAnnotator.values()].map((layer) => [PATHS.layer(file.articleId, layer.annotator), layer]));
}

/** One article's layers joined from its layer files, in file-name order: the same files always give the same answer. */
export function joinLayers(articleId: string, files: ReadonlyMap<string, LayerFile>): AnnotationFile {
  const joined: AnnotationFile = { articleId, annotations: [], relations: [], documentLabels: [] };
  for (const path of [...files.keys()].sort()) {
    const layer = files.get(path)!;
    joined.annotations.push(...layer.annotations);
    joined.relations.push(...layer.relations);
    joined.documentLabels.push(...layer.documentLabels);
    if (layer.decisions) joined.decisions = layer.decisions;
    if (layer.rejections) (joined.rejections ??= []).push(...layer.rejections);
  }
  return joined;
}

/** The same layers as they read back from their files: the order a reopened store gives. */
export const canonicalLayers = (file: AnnotationFile): AnnotationFile => joinLayers(file.articleId, splitLayers(file));
