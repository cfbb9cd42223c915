import { describe, expect, it } from 'vitest';
import type { CancellableEvent, LockableContents, LockableSession } from '../../../electron/security-policy';
import {
  allowsDevTools,
  isNavigationAllowed,
  isPermissionAllowed,
  lockDownContents,
  lockDownSession,
} from '../../../electron/security-policy';

/** Every permission Electron 41 can ask a session about. */
const PERMISSIONS = [
  'clipboard-read',
  'clipboard-sanitized-write',
  'deprecated-sync-clipboard-read',
  'display-capture',
  'fileSystem',
  'fullscreen',
  'geolocation',
  'hid',
  'idle-detection',
  'keyboardLock',
  'media',
  'mediaKeySystem',
  'midi',
  'midiSysex',
  'notifications',
  'openExternal',
  'pointerLock',
  'serial',
  'speaker-selection',
  'storage-access',
  'top-level-storage-access',
  'unknown',
  'usb',
  'window-management',
];

function fakeEvent(url?: string): CancellableEvent & { url?: string; prevented: boolean } {
  return {
    url,
    prevented: false,
    preventDefault() {
      this.prevented = true;
    },
  };
}

function fakeContents() {
  const listeners = new Map<string, (event: CancellableEvent) => void>();
  let openHandler: (() => { action: string }) | undefined;
  const contents = {
    on: (name: string, listener: (event: CancellableEvent) => void) => listeners.set(name, listener),
    setWindowOpenHandler: (handler: () => { action: string }) => (openHandler = handler),
  };
  return { contents: contents as LockableContents, listeners, openWindow: () => openHandler?.() };
}

function fakeSession() {
  const handlers: {
    request?: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
    check?: (contents: unknown, permission: string) => boolean;
    device?: () => boolean;
  } = {};
  const session: LockableSession = {
    setPermissionRequestHandler: (handler) => (handlers.request = handler),
    setPermissionCheckHandler: (handler) => (handlers.check = handler),
    setDevicePermissionHandler: (handler) => (handlers.device = handler),
  };
  return { session, handlers };
}

describe('the security policy', () => {
  it('grants no permission at all', () => {
    for (const permission of PERMISSIONS) expect(isPermissionAllowed(permission), permission).toBe(false);
  });

  it('lets a page navigate nowhere, not even to its own file', () => {
    for (const url of ['https://example.com/', 'file:///app/dist/renderer/index.html', 'about:blank', ''])
      expect(isNavigationAllowed(url), url).toBe(false);
  });

  it('allows developer tools only in an unpackaged (development) run', () => {
    expect(allowsDevTools(false)).toBe(true);
    expect(allowsDevTools(true)).toBe(false);
  });
});

describe('locking down web contents', () => {
  it('cancels navigation, frame navigation, redirects and webviews, and denies new windows', () => {
    const { contents, listeners, openWindow } = fakeContents();
    lockDownContents(contents);
    expect([...listeners.keys()].sort()).toEqual([
      'will-attach-webview',
      'will-frame-navigate',
      'will-navigate',
      'will-redirect',
    ]);
    for (const [name, listener] of listeners) {
      const event = fakeEvent('https://example.com/');
      listener(event);
      expect(event.prevented, name).toBe(true);
    }
    expect(openWindow()).toEqual({ action: 'deny' });
  });
});

describe('locking down a session', () => {
  it('answers every permission request and check with a no', () => {
    const { session, handlers } = fakeSession();
    lockDownSession(session);
    for (const permission of PERMISSIONS) {
      const answers: boolean[] = [];
      handlers.request!(null, permission, (granted) => answers.push(granted));
      expect(answers, permission).toEqual([false]);
      expect(handlers.check!(null, permission), permission).toBe(false);
    }
    expect(handlers.device!()).toBe(false);
  });
});
