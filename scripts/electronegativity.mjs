// `npm run electronegativity`: Doyensec's Electron security checks over the
// main-process sources (electron/) and the built bundles (dist/electron/*.cjs).
// Fails, listing each one, on any finding not justified in
// electron/electronegativity-justified.json, and on any justification that no
// longer matches a finding.
//
// Offline: the tool fetches translations and Electron's release list with `got`
// and has no flag against it, so `got` is replaced by a stub that refuses, and
// the one check that needs the release list is left out.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';

const JUSTIFIED = 'electron/electronegativity-justified.json';
const BUNDLES = ['dist/electron/main.cjs', 'dist/electron/preload.cjs'];
/** Compares our Electron with its latest releases, fetched from GitHub: impossible offline. */
const EXCLUDED = ['AvailableSecurityFixesGlobalCheck'];

const require = createRequire(import.meta.url);
const enginePath = require.resolve('@doyensec/electronegativity');

function refuseNetwork() {
  const gotPath = createRequire(enginePath).resolve('got');
  const refuse = (url) => Promise.reject(new Error(`offline: electronegativity may not fetch ${url}`));
  refuse.head = refuse;
  const stub = new Module(gotPath);
  stub.filename = gotPath;
  stub.loaded = true;
  stub.exports = { __esModule: true, default: refuse };
  require.cache[gotPath] = stub;
}

function readJustified() {
  const entries = JSON.parse(readFileSync(JUSTIFIED, 'utf8'));
  for (const entry of entries)
    for (const key of ['check', 'file', 'reason'])
      if (typeof entry[key] !== 'string' || entry[key].trim() === '')
        throw new Error(`${JUSTIFIED}: every entry needs a "${key}": ${JSON.stringify(entry)}`);
  return entries;
}

/**
 * One scan; findings carry the repository path of their file, or the scan's
 * label for a global finding that names no file.
 */
async function scan(run, electronVersion, label, input, fileName = (file) => relative(process.cwd(), file)) {
  const result = await run({ input, electronVersionOverride: electronVersion, excludeFromScan: EXCLUDED });
  const unscanned = result.errors.filter((error) => !error.tolerable);
  for (const error of result.errors)
    console.log(
      `electronegativity: ${error.tolerable ? 'warning' : 'could not parse'} ${error.file}: ${error.message}`,
    );
  if (unscanned.length > 0) throw new Error(`${label}: ${unscanned.length} file(s) could not be scanned`);
  return result.issues.map((issue) => ({
    check: issue.id,
    file: issue.file === 'N/A' ? label : fileName(issue.file),
    at: issue.file === 'N/A' ? '' : `${issue.location.line}:${issue.location.column}`,
    description: issue.description,
    severity: `${issue.severity.name}, ${issue.confidence.name}`,
  }));
}

/** The bundles as .js copies: the tool skips files named .cjs without a word. */
async function scanBundles(run, electronVersion) {
  for (const bundle of BUNDLES)
    if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run \`npm run build\` first`);
  const dir = mkdtempSync(join(tmpdir(), 'factmark-electronegativity-'));
  try {
    const copies = new Map(BUNDLES.map((bundle) => [join(dir, basename(bundle, '.cjs') + '.js'), bundle]));
    for (const [copy, bundle] of copies) copyFileSync(bundle, copy);
    return await scan(run, electronVersion, 'dist/electron/', dir, (file) => copies.get(file) ?? file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function findAll() {
  refuseNetwork();
  console.log('electronegativity: offline; its downloads (translations, Electron releases) are refused.');
  const run = require(enginePath);
  const electronVersion = require('electron/package.json').version;
  return [
    ...(await scan(run, electronVersion, 'electron/', resolve('electron'))),
    ...(await scanBundles(run, electronVersion)),
  ];
}

const findings = await findAll().catch((error) => {
  console.error(`electronegativity: ${error.message}`);
  process.exit(1);
});
const justified = readJustified();
const isJustified = (finding) =>
  justified.some((entry) => entry.check === finding.check && entry.file === finding.file);
const open = findings.filter((finding) => !isJustified(finding));
const stale = justified.filter((entry) => !findings.some((f) => f.check === entry.check && f.file === entry.file));

for (const f of findings.filter(isJustified)) console.log(`justified: ${f.check} ${f.file}${f.at ? `:${f.at}` : ''}`);
for (const f of open)
  console.log(`FINDING: ${f.check} ${f.file}${f.at ? `:${f.at}` : ''} (${f.severity}): ${f.description}`);
for (const entry of stale)
  console.log(`STALE: ${entry.check} ${entry.file} is justified in ${JUSTIFIED} but no longer found`);
if (open.length > 0 || stale.length > 0) {
  console.log(
    `electronegativity: ${open.length} finding(s) to fix (or, for a false positive, justify in ${JUSTIFIED}), ${stale.length} stale justification(s)`,
  );
  process.exit(1);
}
console.log(`electronegativity: no open findings (${findings.length} justified)`);
