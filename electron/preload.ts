import { contextBridge, ipcRenderer } from 'electron';
import { OPERATION_NAMES } from '../annotations/operation-names';

/**
 * Exposes exactly the contract's operations, one function each, plus a save
 * dialog for exports. Never the raw ipcRenderer.
 */
const operations = Object.fromEntries(
  OPERATION_NAMES.map((name) => [name, (args: unknown) => ipcRenderer.invoke('factmark:invoke', name, args)]),
);

contextBridge.exposeInMainWorld('factmark', {
  operations,
  saveFile: (file: unknown) => ipcRenderer.invoke('factmark:save-file', file),
  /** Menu commands (Import…, Export…) from the application menu. */
  onCommand: (listener: (command: string) => void) => {
    const handler = (_event: unknown, command: unknown) => typeof command === 'string' && listener(command);
    ipcRenderer.on('factmark:command', handler);
    return () => void ipcRenderer.removeListener('factmark:command', handler);
  },
});
