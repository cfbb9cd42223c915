/**
 * What Factmark's windows and sessions may do, kept apart from Electron so it
 * runs under plain Node in tests. The shapes below are the few members of
 * Electron's `WebContents` and `Session` this module touches.
 * See https://www.electronjs.org/docs/latest/tutorial/security
 */

/** An Electron event a handler can cancel. */
export interface CancellableEvent {
  preventDefault(): void;
}

/** Electron's navigation events carry the URL asked for. */
export type NavigationEvent = CancellableEvent & { url?: string };

/** The members of Electron's `WebContents` used to lock it down. */
export interface LockableContents {
  on(event: 'will-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-frame-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: CancellableEvent) => void): unknown;
  setWindowOpenHandler(handler: () => { action: 'deny' }): void;
}

/** The members of Electron's `Session` used to lock it down. */
export interface LockableSession {
  setPermissionRequestHandler(
    handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: (contents: unknown, permission: string) => boolean): void;
  setDevicePermissionHandler(handler: () => boolean): void;
}

/**
 * Permissions a Factmark page may be granted: none. Copy and paste go through
 * the Edit menu and the keyboard (native clipboard events), which need no
 * permission; nothing calls `navigator.clipboard`, notifications, media or
 * geolocation.
 */
const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set<string>();

export function isPermissionAllowed(permission: string): boolean {
  return ALLOWED_PERMISSIONS.has(permission);
}

/**
 * Whether a page may navigate to `url` on its own (a link, a form, a
 * redirect, a script setting `location`): never. The main process loads the
 * one page Factmark shows; in-page moves (`#/article/…`) are not navigations.
 */
export function isNavigationAllowed(_url: string): boolean {
  return false;
}

/** Developer tools are for development: a packaged app has none, in the window or the menu. */
export function allowsDevTools(isPackaged: boolean): boolean {
  return !isPackaged;
}

/** No navigation, no new windows, no `<webview>` in these contents. */
export function lockDownContents(contents: LockableContents): void {
  const denyNavigation = (event: NavigationEvent) => {
    if (!isNavigationAllowed(event.url ?? '')) event.preventDefault();
  };
  contents.on('will-navigate', denyNavigation);
  contents.on('will-frame-navigate', denyNavigation);
  contents.on('will-redirect', denyNavigation);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Every permission request and check in this session is answered by `isPermissionAllowed`. */
export function lockDownSession(session: LockableSession): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(isPermissionAllowed(permission)));
  session.setPermissionCheckHandler((_contents, permission) => isPermissionAllowed(permission));
  // USB, HID and serial devices: none.
  session.setDevicePermissionHandler(() => false);
}
