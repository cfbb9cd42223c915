import { exportBrat } from './brat-standoff-format';
import { exportClaimReview, exportFever } from './claim-formats';
import { exportConll } from './conll-iob2-format';
import { exportCsv } from './csv-format';
import { exportDoccano } from './doccano-format';
import type { ExportedFile, ExportInput } from './export-input';
import { exportJsonlFiles } from './jsonl-format';
import { exportLabelStudio } from './label-studio-format';
import { exportBundle } from './native-bundle-format';
import { exportW3C } from './w3c-web-annotation-format';

export const EXPORT_FORMATS = [
  'bundle',
  'jsonl',
  'csv',
  'brat',
  'w3c',
  'label-studio',
  'doccano',
  'conll',
  'claimreview',
  'fever',
] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_FORMAT_LABELS: Record<ExportFormat, string> = {
  bundle: 'Factmark bundle (lossless)',
  jsonl: 'JSONL (one article per line)',
  csv: 'CSV (one annotation per row)',
  brat: 'brat standoff (.txt, .ann, annotation.conf)',
  w3c: 'W3C Web Annotation (JSON-LD)',
  'label-studio': 'Label Studio tasks + labelling config',
  doccano: 'doccano JSONL',
  conll: 'CoNLL IOB2 tokens',
  claimreview: 'schema.org ClaimReview (JSON-LD)',
  fever: 'FEVER-style claims (JSONL)',
};

/** The files of one export format. */
export function exportFiles(
  format: ExportFormat,
  input: ExportInput & { guidelines: string; exportedBy?: string },
  stamp: string,
  kinds?: readonly string[],
): ExportedFile[] {
  switch (format) {
    case 'bundle':
      return exportBundle(input, stamp);
    case 'jsonl':
      return exportJsonlFiles(input);
    case 'csv':
      return exportCsv(input);
    case 'brat':
      return exportBrat(input);
    case 'w3c':
      return exportW3C(input);
    case 'label-studio':
      return exportLabelStudio(input);
    case 'doccano':
      return exportDoccano(input);
    case 'conll':
      return exportConll(input, kinds);
    case 'claimreview':
      return exportClaimReview(input);
    case 'fever':
      return exportFever(input);
  }
}
