// Before any other: the file thread pool's size is read at the first file operation.
import './file-threads';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { ExportScope, LeftOut, OutOfScope } from '../contract';
import { isFactmarkError } from '../errors';
import { issueText } from '../schema-issues';
import { EXPORT_FORMATS } from '../formats/export-formats';
import type { ExportFormat } from '../formats/export-formats';
import { streamSelection } from '../formats/export-run';
import { folderSink } from './export-folder';
import { BundleSchema } from '../formats/native-bundle-format';
import { eachLayer } from '../service/context';
import { openCommandStore } from './command-store';
import { runImport } from './cli-import';
import { runTeamCommand, TEAM_COMMANDS, TEAM_HELP } from './cli-sync';
import { ASSIGN_COMMANDS, ASSIGN_HELP, runAssignCommand } from './cli-assign';
import { runSuggestCommand, SUGGEST_HELP } from './cli-suggest';
import { progress, UsageError } from './cli-common';
import { StoreLockedError } from './store-lock';
import { defaultUserDataDir, resolveAnnotator, resolveStoreDir } from './store-location';
import { layerProblems } from '../layer-checks';

const HELP = `factmark — the Factmark store from the command line

Usage:
  factmark import PATH... [--format articles|bundle|brat|label-studio|doccano|w3c] [--annotator NAME]
                  [--map FILE] [--extend-tagset] [--write-map FILE] [--dry-run]
  factmark export --format FORMAT --out DIR [--scope mine|gold|all|annotator:NAME] [--articles ID,ID] [--kinds K,K]
  factmark stats
  factmark validate [--bundle FILE]
  factmark suggest --as LAYER [--articles ID,ID] [--recommenders R,R] [--min-score X] [--replace]

Options:
  --store DIR     the store (default: $FACTMARK_STORE, else the app's user-data store)
  --help          this text

Import of annotations from brat, Label Studio, doccano or W3C: each foreign label becomes a kind or relation.
  --map FILE         JSON, foreign label → the tagset's kind or relation, null to leave it out:
                     {"PER": "person", "GPE": "place", "MISC": null}
  --extend-tagset    add the labels the tagset lacks (and the map does not name) to it
  --write-map FILE   write a label map to edit: the --map entries and every label the tagset lacks
  --dry-run          check every file, print what it would import and what its labels become; save nothing
  A file with labels the tagset lacks is not imported; a label map to start from is printed.

Formats: ${EXPORT_FORMATS.join(', ')}
Export scope (--scope), whose data the files hold:
  mine             your layer (--annotator, $FACTMARK_ANNOTATOR, the name saved in Settings, or the login name)
  annotator:NAME   NAME's layer
  gold             the adjudicated layer, of adjudicated articles only (--include-unadjudicated adds the others)
  all              every layer, each kept apart and named (the default; --annotators A,A narrows it)
  Articles a layer never touched, and for gold articles not yet adjudicated, are left out and listed.
Exit codes: 0 done; 1 problems found, some files not imported, or damaged articles left out; 2 bad usage;
3 the store cannot be read, or is open in the app or the web mode.

${TEAM_HELP}

${ASSIGN_HELP}

${SUGGEST_HELP}`;

const list = (value: string | undefined) =>
  value
    ?.split(',')
    .map((v) => v.trim())
    .filter(Boolean);

/** The export scope a --scope value names; `mine` is the session's annotator. */
function exportScope(values: Partial<Record<string, string | boolean>>, mine: () => string): ExportScope {
  const value = typeof values.scope === 'string' ? values.scope : 'all';
  const unadjudicated = values['include-unadjudicated'] === true;
  if (unadjudicated && value !== 'gold') throw new UsageError('--include-unadjudicated goes with --scope gold');
  if (values.annotators !== undefined && value !== 'all')
    throw new UsageError('--annotators narrows --scope all; the other scopes name their layer');
  if (value === 'all') return { layer: 'all' };
  if (value === 'gold') return { layer: 'gold', ...(unadjudicated ? { includeUnadjudicated: true } : {}) };
  if (value === 'mine') return { layer: 'one', annotator: mine() };
  const name = value.startsWith('annotator:') ? value.slice('annotator:'.length).trim() : '';
  if (!name) throw new UsageError(`--scope must be mine, gold, all or annotator:NAME, not "${value}"`);
  return { layer: 'one', annotator: name };
}

const scopeText = (scope: ExportScope) =>
  scope.layer === 'all'
    ? 'every layer, each kept apart'
    : scope.layer === 'gold'
      ? `gold${scope.includeUnadjudicated ? ', articles not adjudicated included' : ''}`
      : `the layer of ${scope.annotator}`;

async function runExport(storeDir: string, values: Partial<Record<string, string | boolean>>): Promise<number> {
  const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const format = text('format') as ExportFormat | undefined;
  const out = text('out');
  if (!format || !(EXPORT_FORMATS as readonly string[]).includes(format))
    throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}`);
  if (!out) throw new UsageError('export needs --out DIR');
  const repo = await openCommandStore(storeDir);
  const mine = () =>
    text('annotator') ||
    process.env.FACTMARK_ANNOTATOR ||
    repo.readProject().settings?.annotator ||
    resolveAnnotator(undefined);
  const scope = exportScope(values, mine);
  const selection = {
    articleIds: list(text('articles')),
    kinds: list(text('kinds')),
    scope,
    annotators: list(text('annotators')),
  };
  // Written to the folder as it is made: no file of the export is held whole in memory.
  const sink = folderSink(out);
  const outcome = await streamSelection(repo, format, selection, sink, {
    stamp: new Date().toISOString(),
    onArticle: (done, total) => progress('reading', done, total),
    onWritten: (done, total) => progress('writing', done, total),
  }).finally(() => sink.close());
  console.log(
    `wrote ${outcome.fileCount} file(s) of ${format} for ${outcome.articleCount} article(s) to ${out} (${scopeText(scope)})`,
  );
  reportOutOfScope(
    outcome.notAdjudicated,
    'not adjudicated: the gold layer covers adjudicated articles only (--include-unadjudicated adds them)',
  );
  reportOutOfScope(outcome.notAnnotated, 'never annotated in this layer');
  for (const note of outcome.notes) console.error(`note: ${note}`);
  return reportLeftOut(outcome.leftOut);
}

/** Names on stderr the chosen articles the export's scope left out, and why. */
function reportOutOfScope(articles: readonly OutOfScope[], why: string): void {
  if (articles.length === 0) return;
  console.error(`left out ${articles.length} article(s) ${why}:`);
  for (const a of articles) console.error(`  ${a.articleId} (${a.title}): ${a.reason}`);
}

/** Names on stderr the articles a command left out because a file of theirs cannot be read; 1 if any. */
function reportLeftOut(leftOut: readonly LeftOut[]): number {
  if (leftOut.length === 0) return 0;
  console.error(`left out ${leftOut.length} damaged article(s):`);
  for (const l of leftOut) console.error(`  ${l.articleId} (${l.title}): ${l.file}: ${l.reason}`);
  return 1;
}

async function runStats(storeDir: string): Promise<number> {
  const repo = await openCommandStore(storeDir);
  const byKind = new Map<string, number>();
  const byAnnotator = new Map<string, number>();
  let relations = 0;
  const leftOut: LeftOut[] = [];
  for await (const { layer } of eachLayer(repo, leftOut)) {
    for (const a of layer.annotations) {
      byKind.set(a.kind, (byKind.get(a.kind) ?? 0) + 1);
      byAnnotator.set(a.annotator, (byAnnotator.get(a.annotator) ?? 0) + 1);
    }
    relations += layer.relations.length;
  }
  const { entities, events } = repo.readProject();
  const total = [...byKind.values()].reduce((s, n) => s + n, 0);
  console.log(`store: ${storeDir}\narticles: ${repo.listArticles().length}\nannotations: ${total}`);
  for (const [kind, n] of [...byKind].sort()) console.log(`  ${kind}: ${n}`);
  console.log('annotators:');
  for (const [who, n] of [...byAnnotator].sort()) console.log(`  ${who}: ${n}`);
  console.log(`links: ${relations}\nentities: ${entities.length}\nevent records: ${events.length}`);
  return reportLeftOut(leftOut);
}

async function runValidate(storeDir: string, bundlePath: string | undefined): Promise<number> {
  const problems: string[] = [];
  if (bundlePath) {
    const parsed = BundleSchema.safeParse(JSON.parse(await readFile(bundlePath, 'utf8')));
    if (!parsed.success) problems.push(...parsed.error.issues.map((i) => `${bundlePath}: ${issueText(i)}`));
    else
      for (const item of parsed.data.articles)
        problems.push(
          ...layerProblems(item.article, item, parsed.data.tagset, parsed.data.entities, parsed.data.events).map(
            (p) => `${item.article.id}: ${p}`,
          ),
        );
  } else {
    const repo = await openCommandStore(storeDir);
    const { tagset, entities, events } = repo.readProject();
    const summaries = repo.listArticles();
    for (const [i, summary] of summaries.entries()) {
      try {
        const article = await repo.getArticle(summary.id);
        problems.push(
          ...layerProblems(article, await repo.readLayer(summary.id), tagset, entities, events).map(
            (p) => `${summary.id}: ${p}`,
          ),
        );
      } catch (error) {
        problems.push(`${summary.id}: ${(error as Error).message}`);
      }
      progress('validate', i + 1, summaries.length);
    }
  }
  for (const p of problems) console.log(p);
  console.log(problems.length === 0 ? 'valid: no problems found' : `${problems.length} problem(s) found`);
  return problems.length === 0 ? 0 : 1;
}

const OPTIONS = {
  store: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  articles: { type: 'string' },
  kinds: { type: 'string' },
  annotators: { type: 'string' },
  scope: { type: 'string' },
  'include-unadjudicated': { type: 'boolean' },
  annotator: { type: 'string' },
  bundle: { type: 'string' },
  map: { type: 'string' },
  'extend-tagset': { type: 'boolean' },
  'write-map': { type: 'string' },
  'dry-run': { type: 'boolean' },
  user: { type: 'string' },
  choose: { type: 'string', multiple: true },
  as: { type: 'string' },
  recommenders: { type: 'string' },
  'min-score': { type: 'string' },
  replace: { type: 'boolean' },
  help: { type: 'boolean' },
} as const;

/** `parseArgs`, its complaints (an unknown option, a flag missing its value…) turned into usage errors. */
function parseCommandLine(argv: string[]) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  } catch (error) {
    if (String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS_'))
      throw new UsageError((error as Error).message);
    throw error;
  }
}

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(argv);
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    console.log(HELP);
    return values.help ? 0 : 2;
  }
  const storeDir = resolveStoreDir(values.store, defaultUserDataDir());
  if (TEAM_COMMANDS.includes(command))
    return runTeamCommand(command, {
      storeDir,
      storeGiven: values.store !== undefined,
      args: rest,
      user: values.user,
      annotator: values.annotator,
      choose: values.choose,
    });
  if (ASSIGN_COMMANDS.includes(command))
    return runAssignCommand(command, { storeDir, args: rest, annotator: values.annotator });
  switch (command) {
    case 'import':
      return runImport(storeDir, {
        paths: rest,
        format: values.format,
        annotator: resolveAnnotator(values.annotator),
        mapFile: values.map,
        extendTagset: values['extend-tagset'] === true,
        dryRun: values['dry-run'] === true,
        writeMap: values['write-map'],
      });
    case 'export':
      return runExport(storeDir, { ...values, choose: undefined });
    case 'stats':
      return runStats(storeDir);
    case 'validate':
      return runValidate(storeDir, values.bundle);
    case 'suggest':
      return runSuggestCommand({
        storeDir,
        args: rest,
        as: values.as,
        articles: list(values.articles),
        recommenders: list(values.recommenders),
        minScore: values['min-score'],
        replace: values.replace === true,
      });
    default:
      throw new UsageError(`Unknown command "${command}"`);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      const commands = ['import', 'export', 'stats', 'validate', 'suggest', ...TEAM_COMMANDS, ...ASSIGN_COMMANDS];
      console.error(
        `factmark: ${(error as Error).message}\nUsage: factmark ${commands.join('|')} [options]\nRun "factmark --help" for usage.`,
      );
      process.exit(2);
    }
    console.error(`factmark: ${error instanceof Error ? error.message : String(error)}`);
    const storeProblem =
      error instanceof StoreLockedError || (isFactmarkError(error) && error.code === 'store-unreadable');
    process.exit(storeProblem ? 3 : 1);
  },
);
