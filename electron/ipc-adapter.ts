import { writeFile } from 'node:fs/promises';
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { dialog, ipcMain } from 'electron';
import { z } from 'zod';
import type { Handlers } from '../annotations/contract';
import { dispatch } from '../annotations/dispatch';

const ExportFileSchema = z.strictObject({
  fileName: z.string().min(1),
  mediaType: z.string(),
  content: z.string(),
  encoding: z.enum(['utf8', 'base64']),
});

/** Only our own page, loaded from the app's files, may call in. */
function fromOwnPage(event: IpcMainInvokeEvent, rendererUrl: string): boolean {
  const url = event.senderFrame?.url ?? '';
  return url.startsWith(rendererUrl.replace(/index\.html$/, ''));
}

/** Serves the handler table over IPC with the same envelope as the HTTP transport. */
export function serveOverIpc(handlers: Handlers, window: () => BrowserWindow | null, rendererUrl: string): void {
  ipcMain.handle('factmark:invoke', async (event, name: unknown, args: unknown) => {
    if (!fromOwnPage(event, rendererUrl))
      return { ok: false, error: { code: 'invalid-argument', message: 'Refused: not the Factmark window' } };
    return dispatch(handlers, name, args);
  });

  ipcMain.handle('factmark:save-file', async (event, raw: unknown) => {
    if (!fromOwnPage(event, rendererUrl))
      return { ok: false, error: { code: 'invalid-argument', message: 'Refused: not the Factmark window' } };
    const parsed = ExportFileSchema.safeParse(raw);
    if (!parsed.success) return { ok: false, error: { code: 'invalid-argument', message: 'Invalid file to save' } };
    const owner = window();
    const options = { defaultPath: parsed.data.fileName };
    const choice = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
    if (choice.canceled || !choice.filePath) return { ok: true, result: { saved: false } };
    const { content, encoding } = parsed.data;
    await writeFile(choice.filePath, encoding === 'base64' ? Buffer.from(content, 'base64') : content);
    return { ok: true, result: { saved: true, path: choice.filePath } };
  });
}
