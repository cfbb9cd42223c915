// electron-builder's `afterPack` hook: flips the packaged Electron binary's
// fuses before it is signed, switching off the ways to run code in Factmark
// other than its own app.asar. https://www.electronjs.org/docs/latest/tutorial/fuses
import { join } from 'node:path';
import { flipFuses, FuseV1Options, FuseVersion } from '@electron/fuses';
import { Arch } from 'electron-builder';

/**
 * The fuses for a build for `platform` (electron-builder's `electronPlatformName`)
 * and `arch` ("x64", "arm64", …).
 */
export function fuseConfig(platform, arch) {
  return {
    version: FuseVersion.V1,
    // Apple silicon refuses a binary whose ad-hoc signature no longer matches; an unsigned build needs it redone.
    resetAdHocDarwinSignature: platform === 'darwin' && (arch === 'arm64' || arch === 'universal'),
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    // GrantFileProtocolExtraPrivileges stays as Electron ships it: the page and its scripts load from file://.
  };
}

/** The packaged Electron executable (the .app bundle on macOS) inside electron-builder's output folder. */
export function electronBinaryPath({ appOutDir, electronPlatformName, packager }) {
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return join(appOutDir, `${packager.appInfo.productFilename}.app`);
    case 'win32':
      return join(appOutDir, `${packager.appInfo.productFilename}.exe`);
    case 'linux':
      // Linux names the executable after the package ("factmark"), not the product.
      return join(appOutDir, packager.executableName);
    default:
      throw new Error(`after-pack: no Electron binary known for platform ${electronPlatformName}`);
  }
}

export default async function afterPack(context) {
  await flipFuses(electronBinaryPath(context), fuseConfig(context.electronPlatformName, Arch[context.arch]));
}
