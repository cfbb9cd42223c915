import type { BratConf, BratVisual } from '../formats/brat-conf';
import { parseBratConf, parseBratVisual } from '../formats/brat-conf';
import { MAX_FILE_BYTES } from './article-import';
import { bytesOf, textOf } from './import-transaction';

/** A file of an import: its name (a path inside what the user chose) and its bytes in base64. */
export interface BratImportFile {
  name: string;
  content: string;
}

/** Where the first byte breaking UTF-8 is, or -1 when all of `bytes` is UTF-8. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    const need =
      b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    if (need === 2 && ((b === 0xe0 && bytes[i + 1]! < 0xa0) || (b === 0xed && bytes[i + 1]! > 0x9f))) return i;
    if (need === 3 && ((b === 0xf0 && bytes[i + 1]! < 0x90) || (b === 0xf4 && bytes[i + 1]! > 0x8f))) return i;
    i += need + 1;
  }
  return -1;
}

/**
 * A .ann file's text. brat writes an empty .ann for a text nobody has
 * annotated: empty (or blank) is an empty layer. A file with NUL bytes, or
 * bytes that are not UTF-8, is refused, saying where.
 */
export function annText(file: BratImportFile): { text: string } | { reason: string } {
  const decoded = bytesOf(file.content);
  if ('reason' in decoded) return decoded;
  const { bytes } = decoded;
  if (bytes.length > MAX_FILE_BYTES) return { reason: `too large (the limit is ${MAX_FILE_BYTES / 1048576} MiB)` };
  const lineAt = (offset: number) => bytes.subarray(0, offset).filter((b) => b === 0x0a).length + 1;
  const nul = bytes.indexOf(0);
  if (nul >= 0)
    return {
      reason: `binary, not a brat .ann: it holds a NUL byte (line ${lineAt(nul)}, byte ${nul + 1}); a .ann is UTF-8 text`,
    };
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0)
    return {
      reason: `not UTF-8 text: byte 0x${bytes[bad]!.toString(16).toUpperCase().padStart(2, '0')} at line ${lineAt(bad)} (byte ${bad + 1}) is not UTF-8; save the .ann as UTF-8`,
    };
  return { text: new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '') };
}

/** A collection's configuration as the .ann's folder sees it. */
export interface BratSetup {
  conf: BratConf | null;
  visual: BratVisual | null;
  /** The conf files' problems: with any, the files using it are refused. */
  errors: string[];
}

const slashed = (name: string) => name.replace(/\\/g, '/');
const folderOf = (name: string) => {
  const path = slashed(name);
  return path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
};
const baseName = (name: string) => slashed(name).split('/').pop()!;

/**
 * Finds the configuration of each .ann among the import's files: the
 * annotation.conf (and visual.conf) in its folder, else in the nearest folder
 * above, else any the import holds. Each is read once.
 */
export function bratSetups(files: readonly BratImportFile[]): (annName: string) => BratSetup {
  const read = new Map<BratImportFile, BratSetup>();
  const nearest = (annName: string, fileName: string) => {
    const candidates = files.filter((f) => baseName(f.name) === fileName);
    for (let folder: string | null = folderOf(annName); folder !== null;) {
      const found = candidates.find((f) => folderOf(f.name) === folder);
      if (found) return found;
      folder = folder === '' ? null : folder.includes('/') ? folder.slice(0, folder.lastIndexOf('/')) : '';
    }
    return candidates[0];
  };
  const parse = (file: BratImportFile, visual: boolean): BratSetup => {
    const known = read.get(file);
    if (known) return known;
    const decoded = textOf(file);
    let setup: BratSetup;
    if ('reason' in decoded) setup = { conf: null, visual: null, errors: [`${file.name}: ${decoded.reason}`] };
    else if (visual) setup = { conf: null, visual: parseBratVisual(decoded.text), errors: [] };
    else {
      const { conf, errors } = parseBratConf(decoded.text, file.name);
      setup = { conf, visual: null, errors };
    }
    read.set(file, setup);
    return setup;
  };
  return (annName) => {
    const confFile = nearest(annName, 'annotation.conf');
    const visualFile = nearest(annName, 'visual.conf');
    const conf = confFile ? parse(confFile, false) : null;
    const visual = visualFile ? parse(visualFile, true) : null;
    return {
      conf: conf?.conf ?? null,
      visual: visual?.visual ?? null,
      errors: [...(conf?.errors ?? []), ...(visual?.errors ?? [])],
    };
  };
}
