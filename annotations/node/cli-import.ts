import { createReadStream } from 'node:fs';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { Args, Envelope, ImportReport, Results } from '../contract';
import type { OperationName } from '../operation-names';
import { dispatch } from '../dispatch';
import type { FileReport } from '../imports/article-import';
import { importBatches } from '../imports/import-batches';
import { describeLayer, summaryOf } from '../imports/import-report';
import type { LabelMap } from '../imports/label-mapping';
import { combineLabelUses, describeLabelUse, labelMapSkeleton } from '../imports/label-uses';
import { createHandlers } from '../service/index';
import { progress, UsageError } from './cli-common';
import { readLabelMapFile } from './label-map-file';
import { openCommandStore } from './command-store';
import { StoreLockedError } from './store-lock';
import { createUploadFolder } from './upload-folder';

const IMPORT_FORMATS = ['articles', 'bundle', 'brat', 'label-studio', 'doccano', 'w3c'] as const;
type ImportFormat = (typeof IMPORT_FORMATS)[number];
const LABELLED_FORMATS: readonly ImportFormat[] = ['brat', 'label-studio', 'doccano', 'w3c'];

/** What `factmark import` was asked. */
export interface ImportCommand {
  paths: string[];
  format?: string;
  annotator: string;
  /** `--map FILE`: foreign label → the tagset's name, or null to leave it out. */
  mapFile?: string;
  /** `--extend-tagset`: labels neither known nor mapped are added to the tagset. */
  extendTagset: boolean;
  /** `--dry-run`: report what would be imported; save nothing. */
  dryRun: boolean;
  /** `--write-map FILE`: write the label map to edit (the given entries and every label the tagset lacks). */
  writeMap?: string;
}

type Call = <K extends OperationName>(name: K, args: Args<K>) => Promise<Results[K]>;

/** Where an import goes, and, when that is this process, how a file is lent to it by its path. */
interface Target {
  call: Call;
  lend?: (path: string) => string;
  /** Lets the store go (this process's own store); nothing for a web mode's. */
  close?: () => Promise<void>;
}

/** Bytes per `import/upload` piece sent to a web mode: well under its request limit once in base64. */
const UPLOAD_PIECE = 8 * 1024 * 1024;

async function filesUnder(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new UsageError(`No such file or folder: ${path}`);
  if (!info.isDirectory()) return [path];
  const entries = await readdir(path, { withFileTypes: true });
  const nested = await Promise.all(
    entries.filter((e) => !e.name.startsWith('.')).map((e) => filesUnder(join(path, e.name))),
  );
  return nested.flat().sort();
}

const resultOf = <T>(envelope: Envelope): T => {
  if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), { code: envelope.error.code });
  return envelope.result as T;
};

/**
 * Where an import goes: into the store, or, when Factmark's web mode has the
 * store open, through that web mode's contract, so the running app makes the
 * change (one writer, ever). The desktop app has no such door: it refuses.
 */
async function importTarget(storeDir: string, annotator: string): Promise<Target> {
  try {
    const repo = await openCommandStore(storeDir);
    // The store is this process's own: a file is read where it is, never copied.
    const uploads = createUploadFolder(null);
    const handlers = createHandlers(repo, { annotator, uploads });
    return {
      call: async (name, args) => resultOf(await dispatch(handlers, name, args)),
      lend: uploads.lend,
      close: () => repo.close(),
    };
  } catch (error) {
    const owner = error instanceof StoreLockedError ? error.owner : null;
    const url = owner?.url;
    // Only a web mode of this machine, serving this very store, is sent the work.
    if (!owner || !url || owner.host !== hostname() || !(await servesStore(url, storeDir))) throw error;
    console.error(`The store is open in ${owner.kind} at ${url}: the import is sent there.`);
    return { call: remoteCall(url, error as Error) };
  }
}

/** Calls the contract of the web mode at `url`; `error` is why the store could not be opened here. */
function remoteCall(url: string, error: Error): Call {
  return async (name, args) => {
    const response = await fetch(`${url}/api/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(args),
    }).catch((cause: unknown) => {
      throw new Error(`${error.message} It did not answer at ${url} (${(cause as Error).message}).`);
    });
    const text = await response.text();
    let envelope: Envelope;
    try {
      envelope = JSON.parse(text) as Envelope;
    } catch {
      throw new Error(
        `${url} answered ${response.status} with something other than Factmark's reply: ${text.slice(0, 200)}`,
      );
    }
    return resultOf(envelope);
  };
}

/** Whether the web mode at `url` has the store `storeDir` open (and answers at all). */
async function servesStore(url: string, storeDir: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/api/store/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    const envelope = (await response.json()) as Envelope;
    return envelope.ok && resolve((envelope.result as { location: string }).location) === resolve(storeDir);
  } catch {
    return false;
  }
}

/** A file's report line and, indented under it, what its labels became and what it added to the tagset. */
function reportLines(r: FileReport, dryRun: boolean): string[] {
  let summary = summaryOf(r);
  if (dryRun)
    summary = summary.replace(/^imported /, 'would import ').replace(/^nothing imported/, 'nothing to import');
  const parts = [summary, ...(r.layers ?? []).map(describeLayer), ...r.skipped.map((s) => `skipped: ${s}`)];
  return [
    `${r.file}: ${parts.join('; ')}`,
    // Labels the tagset has under their own name need no word; every other is one line.
    ...(r.labels ?? []).filter((use) => use.fate !== 'known').map((use) => `  ${describeLabelUse(use)}`),
    ...(r.tagsetAdded && r.tagsetAdded.length > 0 ? [`  tagset additions: ${r.tagsetAdded.join(', ')}`] : []),
  ];
}

/** Chooses the format: as given, else guessed from the files (an .ann means brat, only .json a bundle). */
function formatOf(given: string | undefined, files: readonly string[]): ImportFormat {
  const chosen =
    given ??
    (files.some((f) => f.endsWith('.ann')) ? 'brat' : files.every((f) => f.endsWith('.json')) ? 'bundle' : 'articles');
  if (!(IMPORT_FORMATS as readonly string[]).includes(chosen))
    throw new UsageError(`--format must be one of ${IMPORT_FORMATS.join(', ')}, not "${chosen}"`);
  return chosen as ImportFormat;
}

/**
 * `factmark import`: sends the files in batches (a brat pair never split, a
 * brat or Label Studio config and W3C texts with every batch), prints each
 * file's line, its labels and tagset additions, and, when labels are
 * unknown, a label map to edit. 0 when every file went in, else 1.
 */
export async function runImport(storeDir: string, command: ImportCommand): Promise<number> {
  const { paths, annotator, extendTagset, dryRun } = command;
  if (paths.length === 0) throw new UsageError('import needs at least one file or folder');
  const files = (await Promise.all(paths.map(filesUnder))).flat();
  const format = formatOf(command.format, files);
  const labelled = LABELLED_FORMATS.includes(format);
  for (const [flag, given] of [
    ['--map', command.mapFile !== undefined],
    ['--extend-tagset', extendTagset],
    ['--write-map', command.writeMap !== undefined],
  ] as const)
    if (given && !labelled)
      throw new UsageError(
        `${flag} is for annotations from other tools (${LABELLED_FORMATS.join(', ')}), not ${format}`,
      );
  const map: LabelMap | undefined = command.mapFile ? await readLabelMapFile(command.mapFile) : undefined;

  const { call, lend, close } = await importTarget(storeDir, annotator);
  try {
    const root = paths.length === 1 ? dirname(paths[0]!) : process.cwd();
    const named = files.map((path) => ({ path, name: relative(root, path) || basename(path) }));
    if (dryRun) console.log('Dry run: nothing is saved. What each file would import:');
    const reports: FileReport[] = [];
    let done = 0;
    for (const batch of importBatches(format, named, 50)) {
      const payload: Args<'import/files'>['files'] = [];
      for (const f of batch.files)
        payload.push(
          format === 'articles' && f.path.toLowerCase().endsWith('.jsonl')
            ? { name: f.name, upload: lend ? lend(f.path) : await uploadFile(call, f.path) }
            : { name: f.name, content: (await readFile(f.path)).toString('base64') },
        );
      const jobId = `import-${process.pid}-${done}`;
      const result: ImportReport = await followed(
        call,
        jobId,
        call('import/files', {
          format,
          files: payload,
          annotator,
          jobId,
          ...(map ? { map } : {}),
          ...(extendTagset ? { extendTagset } : {}),
          ...(dryRun ? { dryRun } : {}),
        }),
      );
      for (const r of result.files) console.log(reportLines(r, dryRun).join('\n'));
      reports.push(...result.files);
      done += batch.count;
      progress('import', done, files.length);
    }
    if (labelled) await adviseOnLabels(call, reports, map ?? {}, command.writeMap);
    return reports.some((r) => r.skipped.length > 0) ? 1 : 0;
  } finally {
    await close?.();
  }
}

/** Sends a file to the web mode in pieces (`import/upload`); the upload's id. */
async function uploadFile(call: Call, path: string): Promise<string> {
  const upload = `cli-${process.pid}-${Date.now()}`;
  let offset = 0;
  let first = true;
  for await (const piece of createReadStream(path, { highWaterMark: UPLOAD_PIECE }) as AsyncIterable<Buffer>) {
    offset = (await call('import/upload', { upload, offset, content: piece.toString('base64') })).bytes;
    first = false;
  }
  if (first) await call('import/upload', { upload, offset: 0, content: '' });
  return upload;
}

/** Shows the bytes of JSONL read while `work` runs (a long file is one call). */
async function followed<T>(call: Call, jobId: string, work: Promise<T>): Promise<T> {
  if (!process.stderr.isTTY) return work;
  const poll = setInterval(() => {
    call('jobs/progress', { jobId }).then(
      (p) =>
        p && process.stderr.write(`\rreading ${(p.done / 1048576).toFixed(0)}/${(p.total / 1048576).toFixed(0)} MiB`),
      () => undefined,
    );
  }, 500);
  try {
    return await work;
  } finally {
    clearInterval(poll);
  }
}

/** Says how to deal with labels the tagset lacks, with a label map to edit (on stderr, or into `--write-map FILE`). */
async function adviseOnLabels(
  call: Call,
  reports: readonly FileReport[],
  given: LabelMap,
  writeMap: string | undefined,
): Promise<void> {
  const uses = combineLabelUses(reports);
  const unknown = uses.filter((u) => u.fate === 'unknown');
  if (unknown.length === 0 && !writeMap) return;
  const { tagset } = await call('store/status', {});
  const skeleton = JSON.stringify(labelMapSkeleton(uses, given, tagset), null, 2);
  if (unknown.length > 0)
    console.error(
      `${unknown.length} label(s) are not in the tagset: ${unknown.map((u) => u.label).join(', ')}. ` +
        'Map each to a kind or relation of the tagset (or null to leave it out) with --map FILE, ' +
        'or add them to the tagset with --extend-tagset.',
    );
  if (writeMap) {
    await writeFile(writeMap, `${skeleton}\n`, 'utf8');
    console.error(`The label map is in ${writeMap}: edit it, then import again with --map ${writeMap}.`);
  } else
    console.error(`A label map to start from (save it, edit it, pass it with --map; --write-map FILE writes it):
${skeleton}`);
}
