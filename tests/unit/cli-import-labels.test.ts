import { existsSync } from 'node:fs';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli } from '../support/built-cli';
import { hashStore } from '../support/store-integrity';
import { makeTempDir } from '../support/temp-dir';

const FIXTURES = 'tests/fixtures/label-mapping';

let dir: string;
let cleanup: () => Promise<void>;
let store: string;
let conll: string;
beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
  store = join(dir, 'store');
  conll = join(dir, 'brat-conll');
  await cp(join(FIXTURES, 'brat-conll'), conll, { recursive: true });
  expect(existsSync('dist/cli.mjs'), 'the CLI is built (npm test builds it first)').toBe(true);
  // A store with one article in it, so a dry run has something it must leave as it is.
  await writeFile(join(dir, 'first.txt'), 'A first article\n\nIt is already in the store.');
  expect(cli('import', join(dir, 'first.txt'), '--store', store).code).toBe(0);
});
afterEach(() => cleanup());

const tagsetOf = async () =>
  (JSON.parse(await readFile(join(store, 'tagset.json'), 'utf8')) as { tagset: { kinds: { kind: string }[] } }).tagset;

describe('factmark import, labels the tagset lacks', () => {
  it('refuses the files, lists each label with its count, and prints a label map to start from', async () => {
    const before = await hashStore(store);
    const run = cli('import', conll, '--format', 'brat', '--store', store);
    expect(run.code).toBe(1);
    expect(run.out).toContain(
      'brat-conll/esp-train-001.ann: nothing imported; skipped: labels the tagset does not have',
    );
    expect(run.out).toContain('  LOC unknown (3 spans)');
    expect(run.out).toContain('  PER unknown (2 spans)');
    expect(run.out).toContain('  MISC unknown (1 span)');
    expect(run.err).toContain('3 label(s) are not in the tagset: LOC, PER, MISC');
    expect(run.err).toMatch(/--map FILE.*--extend-tagset/s);
    const skeleton = JSON.parse(run.err.slice(run.err.indexOf('{'))) as Record<string, unknown>;
    expect(skeleton).toEqual({ LOC: null, PER: null, MISC: null });
    expect(await hashStore(store)).toEqual(before);
  });

  it('--write-map writes the map to edit: the entries given, close matches suggested, the rest null', async () => {
    await writeFile(join(dir, 'given.json'), '{"PER": "person"}');
    await writeFile(join(conll, 'esp-train-003.txt'), 'Toledo, 25 may.\n');
    await writeFile(join(conll, 'esp-train-003.ann'), 'T1\tPlace 0 6\tToledo\n');
    const out = join(dir, 'labels.json');
    const run = cli('import', conll, '--store', store, '--map', join(dir, 'given.json'), '--write-map', out);
    expect(run.code).toBe(1);
    expect(run.err).toContain(`The label map is in ${out}: edit it, then import again with --map ${out}.`);
    expect(JSON.parse(await readFile(out, 'utf8'))).toEqual({ PER: 'person', LOC: null, MISC: null, Place: 'place' });
  });
});

describe('factmark import --map', () => {
  it('imports each label as the map says, leaves out what it maps to null, and prints the labels table', async () => {
    await writeFile(join(dir, 'map.json'), JSON.stringify({ PER: 'person', LOC: 'place', MISC: null }, null, 2));
    const run = cli('import', conll, '--store', store, '--annotator', 'bob', '--map', join(dir, 'map.json'));
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/esp-train-001\.ann: imported 1 article, 5 annotations \(person 2, place 3\)/);
    expect(run.out).toContain('  PER → person (mapped, 2 spans)');
    expect(run.out).toContain('  MISC dropped (1 span)');
    expect(run.out).toMatch(/esp-train-002\.ann: imported 1 article, 3 annotations \(person 2, place 1\)/);
    const stats = cli('stats', '--store', store);
    expect(stats.out).toMatch(/annotations: 8\n {2}person: 4\n {2}place: 4\n/);
    // The tagset is as it was: nothing was added.
    expect((await tagsetOf()).kinds.map((k) => k.kind)).not.toContain('PER');
  });

  it('refuses a map entry that names something the tagset lacks', async () => {
    await writeFile(join(dir, 'map.json'), '{"PER": "human", "LOC": "place", "MISC": null}');
    const before = await hashStore(store);
    const run = cli('import', conll, '--store', store, '--map', join(dir, 'map.json'));
    expect(run.code).toBe(1);
    expect(run.out).toContain('the label map sends "PER" to "human", which is not a kind of the tagset');
    expect(await hashStore(store)).toEqual(before);
  });
});

describe('factmark import --extend-tagset', () => {
  it('adds the labels the tagset lacks, kinds and relations, and says what it added', async () => {
    const run = cli('import', join(FIXTURES, 'brat-relations'), '--store', store, '--extend-tagset');
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toContain('  Organization → Organization (new, 1 span)');
    expect(run.out).toContain('  GPE → GPE (new, 2 spans)');
    expect(run.out).toContain('  Located_in → Located_in (new, 2 links)');
    expect(run.out).toMatch(/ {2}tagset additions: .*GPE/);
    expect(run.out).toMatch(/news-003\.ann: imported 1 article, 3 annotations \(GPE 2, Organization 1\), 2 links/);
    const tagset = (await tagsetOf()) as unknown as {
      kinds: { kind: string; hotkey: string | null }[];
      relations: { type: string; from: string[]; to: string[] }[];
    };
    expect(tagset.kinds.find((k) => k.kind === 'GPE')).toMatchObject({ hotkey: null });
    expect(tagset.relations.find((r) => r.type === 'Located_in')).toMatchObject({
      from: ['Organization'],
      to: ['GPE'],
    });
  });

  it('with --map, maps what the map names and adds only the rest', async () => {
    await writeFile(join(dir, 'map.json'), '{"GPE": "place"}');
    const run = cli(
      'import',
      join(FIXTURES, 'brat-relations'),
      '--store',
      store,
      '--extend-tagset',
      '--map',
      join(dir, 'map.json'),
    );
    expect(run.code).toBe(0);
    expect(run.out).toContain('  GPE → place (mapped, 2 spans)');
    expect(run.out).toContain('  Organization → Organization (new, 1 span)');
    expect((await tagsetOf()).kinds.map((k) => k.kind)).not.toContain('GPE');
  });
});

describe('factmark import --dry-run', () => {
  it('prints what would be imported, with the labels and tagset additions, and changes no byte of the store', async () => {
    const before = await hashStore(store);
    const run = cli('import', join(FIXTURES, 'brat-relations'), '--store', store, '--extend-tagset', '--dry-run');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^Dry run: nothing is saved/);
    expect(run.out).toMatch(/news-003\.ann: would import 1 article, 3 annotations \(GPE 2, Organization 1\), 2 links/);
    expect(run.out).toContain('  Located_in → Located_in (new, 2 links)');
    expect(run.out).toMatch(/ {2}tagset additions: .*Located_in/);
    expect(await hashStore(store)).toEqual(before);
    expect(cli('stats', '--store', store).out).toMatch(/articles: 1\n/);
  });

  it('with unknown labels says so, exits 1, and changes no byte', async () => {
    const before = await hashStore(store);
    const run = cli('import', conll, '--store', store, '--dry-run');
    expect(run.code).toBe(1);
    expect(run.out).toContain('  LOC unknown (3 spans)');
    expect(run.err).toContain('--extend-tagset');
    expect(await hashStore(store)).toEqual(before);
  });
});

describe('a label map that cannot be used is a usage error (exit 2) naming the file and the entry', () => {
  const cases: [string, string | null, RegExp][] = [
    ['missing.json', null, /--map .*missing\.json: the label map cannot be read \(ENOENT/],
    ['broken.json', '{\n  "PER": "person",\n}\n', /--map .*broken\.json: not valid JSON/],
    ['list.json', '["PER", "person"]', /--map .*list\.json: must be a JSON object of label → kind or relation name/],
    [
      'spaces.json',
      '{\n  "PER": "person",\n  "LOC": "Place name",\n  "MISC": 0\n}\n',
      /--map .*spaces\.json: line 3, entry "LOC": "Place name" cannot be a kind or relation name: it must start with a letter.*; line 4, entry "MISC": 0 is neither a kind or relation name nor null/,
    ],
    ['empty-label.json', '{"": "person"}', /entry "": a label must not be empty/],
  ];
  for (const [name, content, message] of cases)
    it(name, async () => {
      if (content !== null) await writeFile(join(dir, name), content);
      const before = await hashStore(store);
      const run = cli('import', conll, '--store', store, '--map', join(dir, name));
      expect(run.code).toBe(2);
      expect(run.err).toMatch(message);
      expect(run.err).toContain('Run "factmark --help" for usage.');
      expect(await hashStore(store)).toEqual(before);
    });

  it('--map, --extend-tagset and --write-map are for annotations, not articles or bundles', async () => {
    for (const flag of [['--extend-tagset'], ['--map', 'x.json'], ['--write-map', 'y.json']]) {
      const run = cli('import', join(dir, 'first.txt'), '--store', store, ...flag);
      expect(run.code).toBe(2);
      expect(run.err).toContain(`${flag[0]} is for annotations from other tools`);
    }
  });

  it('the help names the new options', () => {
    const help = cli('--help').out;
    expect(help).toContain('[--map FILE] [--extend-tagset] [--write-map FILE] [--dry-run]');
    expect(help).toContain('{"PER": "person", "GPE": "place", "MISC": null}');
  });
});
