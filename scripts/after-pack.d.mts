import type { FuseConfig } from '@electron/fuses';

/** The fuses for a build for `platform` (electron-builder's `electronPlatformName`) and `arch` ("x64", "arm64", …). */
export function fuseConfig(platform: string, arch: string): FuseConfig;

/** The part of electron-builder's `AfterPackContext` the hook reads. */
export interface PackedApp {
  appOutDir: string;
  electronPlatformName: string;
  packager: { appInfo: { productFilename: string }; executableName?: string };
}

/** The packaged Electron executable (the .app bundle on macOS) inside electron-builder's output folder. */
export function electronBinaryPath(context: PackedApp): string;

export default function afterPack(context: PackedApp & { arch: number }): Promise<void>;
