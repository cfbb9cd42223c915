import type { Envelope } from '../../../annotations/contract';
import type { FactmarkClient, SaveResult } from './factmark-client';
import { unwrap } from './factmark-client';

/** The web mode's transport: `POST /api/<operation>` on the serving origin; saving is a browser download. */
export function createHttpClient(baseUrl: string, doc: Document): FactmarkClient {
  return {
    transport: 'http',
    async send(name, args) {
      let response: Response;
      try {
        response = await fetch(`${baseUrl}/api/${name}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(args),
        });
      } catch (error) {
        throw new Error(
          `Factmark's server is not answering (${(error as Error).message}); your last change may not be saved`,
        );
      }
      return unwrap((await response.json()) as Envelope<never>);
    },
    onCommand: () => () => undefined,
    async saveFile(file): Promise<SaveResult> {
      const body =
        file.encoding === 'base64' ? Uint8Array.from(atob(file.content), (c) => c.charCodeAt(0)) : file.content;
      const url = URL.createObjectURL(new Blob([body], { type: file.mediaType }));
      const link = doc.createElement('a');
      link.href = url;
      link.download = file.fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return { saved: true };
    },
  };
}
