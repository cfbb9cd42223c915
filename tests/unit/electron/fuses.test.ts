import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import afterPack, { electronBinaryPath, fuseConfig } from '../../../scripts/after-pack.mjs';
import { makeTempDir } from '../../support/temp-dir';

/** Every fuse Factmark sets, and how: on means the feature is enabled. */
const REQUIRED: Array<[FuseV1Options, boolean]> = [
  [FuseV1Options.RunAsNode, false],
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable, false],
  [FuseV1Options.EnableNodeCliInspectArguments, false],
  [FuseV1Options.EnableCookieEncryption, true],
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation, true],
  [FuseV1Options.OnlyLoadAppFromAsar, true],
];

/** Electron's fuse wire: this sentinel, a version byte, a length byte, then one ASCII '1' or '0' per fuse. */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ENABLED = 0x31;
const DISABLED = 0x30;

/** A stand-in for an Electron binary: some bytes, then the wire with its eight fuses as Electron ships them. */
function fakeElectron(): Buffer {
  const shipped = [1, 0, 1, 1, 0, 0, 0, 1].map((on) => (on ? ENABLED : DISABLED));
  return Buffer.concat([Buffer.from('ELF…'), Buffer.from(SENTINEL), Buffer.from([1, shipped.length, ...shipped])]);
}

describe('the fuses of the packaged app', () => {
  it.each(REQUIRED.map(([fuse, on]) => [FuseV1Options[fuse], fuse, on] as const))(
    'sets %s to %s on every platform',
    (_name, fuse, on) => {
      for (const platform of ['linux', 'win32', 'darwin', 'mas'])
        for (const arch of ['x64', 'arm64']) expect(fuseConfig(platform, arch)[fuse]).toBe(on);
    },
  );

  it('leaves the file:// privileges alone, since the page loads from file://', () => {
    expect(fuseConfig('linux', 'x64')[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBeUndefined();
  });

  it('redoes the ad-hoc signature only for macOS on Apple silicon', () => {
    expect(fuseConfig('darwin', 'arm64').resetAdHocDarwinSignature).toBe(true);
    expect(fuseConfig('darwin', 'universal').resetAdHocDarwinSignature).toBe(true);
    expect(fuseConfig('darwin', 'x64').resetAdHocDarwinSignature).toBe(false);
    expect(fuseConfig('linux', 'arm64').resetAdHocDarwinSignature).toBe(false);
  });

  it('finds the Electron binary electron-builder packed on each platform', () => {
    const packager = { appInfo: { productFilename: 'Factmark' }, executableName: 'factmark' };
    const at = (electronPlatformName: string) =>
      electronBinaryPath({ appOutDir: '/out', electronPlatformName, packager });
    expect(at('darwin')).toBe(join('/out', 'Factmark.app'));
    expect(at('mas')).toBe(join('/out', 'Factmark.app'));
    expect(at('win32')).toBe(join('/out', 'Factmark.exe'));
    expect(at('linux')).toBe(join('/out', 'factmark'));
    expect(() => at('aix')).toThrow(/no Electron binary/);
  });
});

describe('the afterPack hook', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
  afterEach(() => cleanup());

  it('is the hook package.json names, as electron-builder loads it', async () => {
    const build = JSON.parse(readFileSync('package.json', 'utf8')).build;
    expect(build.asar).not.toBe(false);
    const { resolveFunction } = createRequire(resolve('node_modules/app-builder-lib/package.json'))(
      './out/util/resolve',
    ) as { resolveFunction: (type: string, executor: string, name: string, root: string) => Promise<unknown> };
    const hook = await resolveFunction('module', build.afterPack, 'afterPack', process.cwd());
    // Loaded by Node rather than Vitest, so a twin of `afterPack`, not the same object.
    expect(hook).toBeTypeOf('function');
    expect((hook as typeof afterPack).name).toBe(afterPack.name);
  });

  it('flips the fuses in the packed binary', async () => {
    await mkdir(join(dir, 'linux-unpacked'));
    const binary = join(dir, 'linux-unpacked', 'factmark');
    await writeFile(binary, fakeElectron());
    await afterPack({
      appOutDir: join(dir, 'linux-unpacked'),
      electronPlatformName: 'linux',
      arch: 1,
      packager: { appInfo: { productFilename: 'Factmark' }, executableName: 'factmark' },
    });
    const wire = await getCurrentFuseWire(binary);
    for (const [fuse, on] of REQUIRED) expect(wire[fuse], FuseV1Options[fuse]).toBe(on ? ENABLED : DISABLED);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(ENABLED);
  });
});
