// The pages and dialogs the first paint does not show, each loaded the first
// time it opens: the editor starts with the code of the text and its panels.
import { Component, Suspense, lazy } from 'react';
import type { ComponentType, ReactNode } from 'react';
import './lazy-parts.css';

/** A named export of a module, as `React.lazy` wants it. */
function lazyNamed<P extends object>(load: () => Promise<ComponentType<P>>) {
  return lazy(async () => ({ default: await load() }));
}

/** Shown in place of a page or dialog while its code loads (a moment, from disk). */
export function Loading({ what, floating = false }: { what: string; floating?: boolean }) {
  return (
    <p className={`hint loading-part${floating ? ' floating' : ''}`} role="status">
      Loading {what}…
    </p>
  );
}

interface DeferredProps {
  what: string;
  /** Shown in a corner, over the page (a dialog), rather than in its place. */
  floating?: boolean;
  children: ReactNode;
}

/**
 * `children` once their code is in; `what` names them meanwhile. Code that
 * cannot be loaded (the app was rebuilt or updated under an open window) is
 * said so, with the way out, instead of taking the whole window down.
 */
export class Deferred extends Component<DeferredProps, { failed: string | null }> {
  state = { failed: null as string | null };

  static getDerivedStateFromError(error: unknown) {
    return { failed: error instanceof Error ? error.message : String(error) };
  }

  render() {
    const { what, floating = false, children } = this.props;
    if (this.state.failed !== null) {
      return (
        <p className={`hint loading-part${floating ? ' floating' : ''}`} role="alert">
          Could not load {what} ({this.state.failed}). Reload the window to try again.
        </p>
      );
    }
    return <Suspense fallback={<Loading what={what} floating={floating} />}>{children}</Suspense>;
  }
}

// The dashboard brings the chart library, the guidelines a Markdown renderer.
export const Dashboard = lazyNamed(() => import('./Dashboard/Dashboard').then((m) => m.Dashboard));
export const GuidelinesPanel = lazyNamed(() =>
  import('./GuidelinesPanel/GuidelinesPanel').then((m) => m.GuidelinesPanel),
);
export const EntityPage = lazyNamed(() => import('./EntityPage/EntityPage').then((m) => m.EntityPage));
export const EventPage = lazyNamed(() => import('./EventPage/EventPage').then((m) => m.EventPage));
export const TagsetEditor = lazyNamed(() => import('./TagsetEditor/TagsetEditor').then((m) => m.TagsetEditor));
export const ReviewPage = lazyNamed(() => import('./ReviewPage/ReviewPage').then((m) => m.ReviewPage));
export const SettingsDialog = lazyNamed(() => import('./SettingsDialog/SettingsDialog').then((m) => m.SettingsDialog));
export const SyncDialog = lazyNamed(() => import('./Sync/SyncDialog').then((m) => m.SyncDialog));
export const ExportDialog = lazyNamed(() => import('./ExportDialog/ExportDialog').then((m) => m.ExportDialog));
export const ImportDialog = lazyNamed(() => import('./ImportDialog/ImportDialog').then((m) => m.ImportDialog));
export const ShortcutsOverlay = lazyNamed(() => import('./keyboard/ShortcutsOverlay').then((m) => m.ShortcutsOverlay));
