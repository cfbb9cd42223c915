import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../annotations/contract';
import type { LabelUse } from '../../annotations/imports/label-mapping';
import { combineLabelUses } from '../../annotations/imports/label-uses';
import type { SessionStatus } from '../../annotations/contract';
import { hashStore } from '../support/store-integrity';
import { makeTempDir } from '../support/temp-dir';
import type { RawSend } from './contract-cases';
import { ok } from './contract-cases';
import { TRANSPORTS } from './transports';

const FIXTURES = 'tests/fixtures/label-mapping';

async function filesOf(folder: string): Promise<{ name: string; content: string }[]> {
  const root = join(FIXTURES, folder);
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  return Promise.all(
    files.sort().map(async (path) => ({
      name: join(folder, relative(root, path)),
      content: (await readFile(path)).toString('base64'),
    })),
  );
}

type Format = 'brat' | 'label-studio' | 'doccano' | 'w3c';

/** Each format's fixture and the labels it uses: PER, LOC and MISC spans (and a Located_in link in Label Studio's). */
const CASES: [Format, string, Pick<LabelUse, 'label' | 'role' | 'count'>[]][] = [
  [
    'brat',
    'brat-conll',
    [
      { label: 'LOC', role: 'span', count: 4 },
      { label: 'PER', role: 'span', count: 4 },
      { label: 'MISC', role: 'span', count: 2 },
    ],
  ],
  [
    'label-studio',
    'label-studio',
    [
      { label: 'PER', role: 'span', count: 1 },
      { label: 'LOC', role: 'span', count: 2 },
      { label: 'MISC', role: 'span', count: 1 },
      { label: 'Located_in', role: 'relation', count: 1 },
    ],
  ],
  [
    'doccano',
    'doccano',
    [
      { label: 'PER', role: 'span', count: 1 },
      { label: 'LOC', role: 'span', count: 2 },
      { label: 'MISC', role: 'span', count: 1 },
    ],
  ],
  [
    'w3c',
    'w3c',
    [
      { label: 'PER', role: 'span', count: 1 },
      { label: 'LOC', role: 'span', count: 2 },
      { label: 'MISC', role: 'span', count: 1 },
    ],
  ],
];

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const byLabel = (uses: readonly Pick<LabelUse, 'label' | 'role'>[]) =>
  [...uses].sort((a, b) => `${a.role}${a.label}`.localeCompare(`${b.role}${b.label}`));

describe.each(TRANSPORTS)('labels of imported annotations, over %s', (_, open) => {
  async function store() {
    const temp = await makeTempDir();
    cleanups.push(temp.cleanup);
    const dir = join(temp.dir, 'store');
    const transport = await open(dir);
    cleanups.push(transport.close);
    return { dir, send: transport.send };
  }
  const importFiles = (send: RawSend, args: Record<string, unknown>) => ok<ImportReport>(send, 'import/files', args);
  const kindsOf = async (send: RawSend) =>
    (await ok<SessionStatus>(send, 'store/status', {})).tagset.kinds.map((k) => k.kind);

  for (const [format, folder, labels] of CASES) {
    it(`${format}: a dry run with unknown labels reports each with its count, refuses, and changes no byte`, async () => {
      const s = await store();
      const files = await filesOf(folder);
      const before = await hashStore(s.dir);
      const report = await importFiles(s.send, { format, files, dryRun: true });
      expect(report.dryRun).toBe(true);
      const uses = combineLabelUses(report.files);
      expect(byLabel(uses)).toEqual(byLabel(labels.map((l) => ({ ...l, fate: 'unknown', becomes: null }))));
      const refused = report.files.filter((f) => f.labels?.some((u) => u.fate === 'unknown'));
      expect(refused.length).toBeGreaterThan(0);
      for (const f of refused) {
        expect(f.skipped.join(' ')).toMatch(/labels the tagset does not have: .*"LOC" \(\d spans?\)/);
        expect(f.added.articles).toBe(0);
      }
      expect(await hashStore(s.dir)).toEqual(before);
    });

    it(`${format}: a dry run with a map and extendTagset says what would be imported, and changes no byte`, async () => {
      const s = await store();
      const files = await filesOf(folder);
      const before = await hashStore(s.dir);
      const map = { PER: 'person', LOC: 'place', MISC: null };
      const report = await importFiles(s.send, { format, files, map, extendTagset: true, dryRun: true });
      const uses = combineLabelUses(report.files);
      for (const use of uses)
        expect(use).toMatchObject(
          use.label === 'MISC'
            ? { fate: 'dropped', becomes: null }
            : use.label === 'Located_in'
              ? { fate: 'new', becomes: 'Located_in' }
              : { fate: 'mapped', becomes: use.label === 'PER' ? 'person' : 'place' },
        );
      expect(report.files.flatMap((f) => f.skipped)).toEqual([]);
      const spans = labels.filter((l) => l.role === 'span' && l.label !== 'MISC').reduce((n, l) => n + l.count, 0);
      const added = report.files.reduce(
        (n, f) => n + (f.added.annotations.person ?? 0) + (f.added.annotations.place ?? 0),
        0,
      );
      expect(added).toBe(spans);
      expect(report.files.some((f) => (f.added.annotations.MISC ?? 0) > 0)).toBe(false);
      expect(await hashStore(s.dir)).toEqual(before);
      expect(await kindsOf(s.send)).not.toContain('MISC');
    });

    it(`${format}: the import itself follows the map, leaves out what it drops, and adds only what is new`, async () => {
      const s = await store();
      const files = await filesOf(folder);
      const report = await importFiles(s.send, {
        format,
        files,
        map: { PER: 'person', LOC: 'place', MISC: null },
        extendTagset: true,
      });
      expect(report.dryRun).toBeUndefined();
      expect(report.files.flatMap((f) => f.skipped)).toEqual([]);
      const kinds = await kindsOf(s.send);
      for (const label of ['PER', 'LOC', 'MISC']) expect(kinds).not.toContain(label);
      const dropped = combineLabelUses(report.files).find((u) => u.label === 'MISC')!;
      expect(dropped).toMatchObject({ fate: 'dropped', count: labels.find((l) => l.label === 'MISC')!.count });
      const tagsetAdded = report.files.flatMap((f) => f.tagsetAdded ?? []);
      expect(tagsetAdded).toEqual(labels.some((l) => l.role === 'relation') ? ['Located_in'] : []);
    });
  }
});
