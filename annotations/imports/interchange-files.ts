import { parseDoccano } from '../formats/doccano-parse';
import type { LabelStudioConfig } from '../formats/label-studio-config';
import { parseLabelStudioConfig } from '../formats/label-studio-config';
import { parseLabelStudio } from '../formats/label-studio-parse';
import type { W3CText } from '../formats/w3c-parse';
import { parseW3C, sourceNames, w3cItems, w3cSources } from '../formats/w3c-parse';
import type { ServiceContext } from '../service/context';
import type { FileReport } from './article-import';
import { fileReport } from './article-import';
import type { ImportOptions } from './import-transaction';
import { importEachFile, Refused, textOf } from './import-transaction';
import { importDocuments } from './interchange-import';

/** A file as the importers read it: sent whole (an upload is read first, see `wholeFile`). */
type ImportFile = { name: string; content: string };

const folderOf = (name: string) => name.slice(0, Math.max(0, name.lastIndexOf('/')));
const baseName = (name: string) => name.split(/[\\/]/).pop() ?? name;

function readJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Refused([`not valid JSON: ${(error as Error).message}`]);
  }
}

function decoded(file: ImportFile): string {
  const result = textOf(file);
  if ('reason' in result) throw new Refused([result.reason]);
  return result.text;
}

/**
 * Label Studio's export folder as it is: the tasks (JSON or JSON-MIN) and
 * the project's labelling config (any `.xml` among the files), which is read
 * for the tasks' text key, label colours and per-region controls, never
 * imported as tasks. The config in a task file's own folder wins, else the
 * first one given.
 */
export async function importLabelStudio(
  ctx: ServiceContext,
  files: readonly ImportFile[],
  options: ImportOptions,
  reports: FileReport[],
): Promise<void> {
  const configs: { name: string; config: LabelStudioConfig }[] = [];
  for (const file of files.filter((f) => f.name.toLowerCase().endsWith('.xml'))) {
    const text = textOf(file);
    const config = 'text' in text ? parseLabelStudioConfig(text.text) : new Error(text.reason);
    if (config instanceof Error) reports.push({ ...fileReport(file.name), skipped: [config.message] });
    else configs.push({ name: file.name, config });
  }
  const tasks = files.filter((f) => !f.name.toLowerCase().endsWith('.xml'));
  await importEachFile(
    ctx,
    tasks,
    reports,
    async (tx, file, report) => {
      const chosen = configs.find((c) => folderOf(c.name) === folderOf(file.name)) ?? configs[0];
      const outcome = parseLabelStudio(readJson(decoded(file)), chosen?.config ?? null);
      if (chosen) outcome.notes.push(`labels read with the labelling config ${chosen.name}`);
      await importDocuments(tx, { format: 'ls', outcome, config: chosen?.config ?? null }, options, report);
    },
    options,
  );
}

/** doccano JSONL files, each on its own. */
export async function importDoccano(
  ctx: ServiceContext,
  files: readonly ImportFile[],
  options: ImportOptions,
  reports: FileReport[],
): Promise<void> {
  await importEachFile(
    ctx,
    files,
    reports,
    (tx, file, report) => importDocuments(tx, { format: 'dc', outcome: parseDoccano(decoded(file)) }, options, report),
    options,
  );
}

/**
 * W3C annotation files with the texts they target: a source is matched by
 * name (its last path segment, with or without `.txt`) to a `.txt` given
 * beside the annotations, then to a store article by id or by the file name
 * it came from. Factmark's own `urn:factmark:article:ID` names the article.
 */
export async function importW3C(
  ctx: ServiceContext,
  files: readonly ImportFile[],
  options: ImportOptions,
  reports: FileReport[],
): Promise<void> {
  const beside = new Map<string, { name: string; text: string }>();
  for (const file of files.filter((f) => f.name.toLowerCase().endsWith('.txt'))) {
    const text = textOf(file);
    if ('text' in text) beside.set(baseName(file.name), { name: file.name, text: text.text });
    else reports.push({ ...fileReport(file.name), skipped: [`a text beside the annotations: ${text.reason}`] });
  }
  const annotationFiles = files.filter((f) => !f.name.toLowerCase().endsWith('.txt'));
  await importEachFile(
    ctx,
    annotationFiles,
    reports,
    async (tx, file, report) => {
      const items = w3cItems(readJson(decoded(file)));
      if (!items) throw new Refused(['not a W3C annotation collection, page, list or annotation']);
      const texts = await textsFor(tx, w3cSources(items), beside);
      await importDocuments(tx, { format: 'wa', outcome: parseW3C(items, texts) }, options, report);
    },
    options,
  );
}

/** The text of each source: a file beside the annotations, else a store article (by id, or by its file's name). */
async function textsFor(
  ctx: ServiceContext,
  sources: readonly string[],
  beside: ReadonlyMap<string, { name: string; text: string }>,
): Promise<Map<string, W3CText>> {
  const texts = new Map<string, W3CText>();
  const summaries = ctx.repo.listArticles();
  const storeName = (source: string) => baseName(source.replace(/ \(id ".*"\)$/, ''));
  for (const source of sources) {
    const names = sourceNames(source);
    const file = names.map((n) => beside.get(n)).find((t) => t !== undefined);
    if (file !== undefined) {
      texts.set(source, { text: file.text, articleId: null, file: file.name });
      continue;
    }
    const article =
      summaries.find((a) => names.includes(a.id)) ?? summaries.find((a) => names.includes(storeName(a.source)));
    // A store text that cannot be read is left out: the annotations on it are then refused, naming it.
    const text = article ? await ctx.repo.getArticle(article.id).catch(() => null) : null;
    if (text) texts.set(source, { text: text.text, articleId: text.id });
  }
  return texts;
}
