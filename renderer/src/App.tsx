import { useCallback, useEffect, useState } from 'react';
import type { CSSProperties } from 'react';
import { useAfterFirstFrame } from './after-first-frame';
import { AnnotationList } from './AnnotationList/AnnotationList';
import { ArticleView } from './ArticleView/ArticleView';
import { DetailsPanel } from './DetailsPanel/DetailsPanel';
import { DocumentLabels } from './DocumentLabels/DocumentLabels';
// The pages' and dialogs' styles stay with the editor's, in the order they always had: the panels the editor
// shows use some of them (the layers panel is styled in review.css), and the cascade stays as it was.
import './EntityPage/pages.css';
import './EventPage/event-page.css';
import './ExportDialog/export-dialog.css';
import './ImportDialog/import-dialog.css';
import { LayersPanel } from './LayersPanel/LayersPanel';
import {
  Dashboard,
  Deferred,
  EntityPage,
  EventPage,
  ExportDialog,
  GuidelinesPanel,
  ImportDialog,
  ReviewPage,
  SettingsDialog,
  ShortcutsOverlay,
  SyncDialog,
  TagsetEditor,
} from './lazy-parts';
import { PanelResizer } from './layout/PanelResizer';
import { usePanels } from './layout/use-panel-layout';
import './ReviewPage/review.css';
import './Team/team.css';
import { KindPicker } from './keyboard/KindPicker';
import { useGlobalKeys } from './keyboard/use-global-keys';
import { Sidebar } from './Sidebar/Sidebar';
import './Sync/sync.css';
import { createTagChannel } from './state/tag-channel';
import { TagChannelProvider, usePicking } from './state/tag-channel-context';
import { useWorkspace, useWorkspaceStore } from './state/workspace-context';
import type { Route } from './state/workspace-store';
import './TagsetEditor/tagset-editor.css';
import { NoticeToasts } from './Toasts/NoticeToasts';
import { TopBar } from './TopBar/TopBar';

/** The page the route names; a page opened for the first time loads its code first. */
function CentrePage() {
  const route = useWorkspace((s) => s.route);
  switch (route.name) {
    case 'article':
      return <ArticleView />;
    case 'entity':
      return <EntityPage key={route.id} id={route.id} />;
    case 'event':
      return <EventPage key={route.id} id={route.id} />;
    case 'tagset':
      return <TagsetEditor />;
    case 'guidelines':
      return <GuidelinesPanel />;
    case 'review':
      return <ReviewPage />;
    case 'dashboard':
      return <Dashboard />;
  }
}

const PAGE_NAMES: Record<Route['name'], string> = {
  article: 'the article',
  entity: 'the entity page',
  event: 'the event page',
  tagset: 'the tagset',
  guidelines: 'the guidelines',
  review: 'the review',
  dashboard: 'the dashboard',
};

/** Each page has its own loading state (and its own failure, which going to another page leaves behind). */
function Centre() {
  const page = useWorkspace((s) => s.route.name);
  return (
    <Deferred key={page} what={PAGE_NAMES[page]}>
      <CentrePage />
    </Deferred>
  );
}

/** The kind picker, while it is open. */
function KindPickerHost() {
  return usePicking() ? <KindPicker /> : null;
}

export function App({ onOpenArticle }: { onOpenArticle: (articleId: string) => void }) {
  const store = useWorkspaceStore();
  const [channel] = useState(createTagChannel);
  const openKindPicker = useCallback(() => channel.setPicking(true), [channel]);
  const [help, setHelp] = useState(false);
  const toggleHelp = useCallback(() => setHelp((h) => !h), []);
  const closeHelp = useCallback(() => setHelp(false), []);
  const [exporting, setExporting] = useState(false);
  const [settings, setSettings] = useState(false);
  const [project, setProject] = useState(false);
  const [importing, setImporting] = useState<File[] | null>(null);
  useEffect(
    () =>
      store.onCommand((command) => {
        if (command === 'import') setImporting([]);
        if (command === 'export') setExporting(true);
      }),
    [store],
  );
  useGlobalKeys(store, toggleHelp, closeHelp, openKindPicker);
  const panels = usePanels();
  // The side panels follow the text by a frame: the first frame is the text, its highlights and the top bar
  // (the columns keep their widths meanwhile, so nothing moves when the panels come).
  const panelsShown = useAfterFirstFrame();
  return (
    <TagChannelProvider channel={channel}>
      <div
        className="app"
        onDragOver={(e) => {
          if (e.dataTransfer.types.includes('Files')) e.preventDefault();
        }}
        onDrop={(e) => {
          if (e.dataTransfer.files.length === 0) return;
          e.preventDefault();
          setImporting(Array.from(e.dataTransfer.files));
        }}
      >
        <TopBar
          onHelp={toggleHelp}
          onExport={() => setExporting(true)}
          onImport={() => setImporting([])}
          onSettings={() => setSettings(true)}
          onProject={() => setProject(true)}
        />
        <div
          className={`columns${panels.narrow ? ' narrow' : ''}`}
          style={
            {
              '--left-width': panels.leftWidth === null ? undefined : `${panels.leftWidth}px`,
              '--right-width': panels.rightWidth === null ? undefined : `${panels.rightWidth}px`,
            } as CSSProperties
          }
        >
          <div id="left-panel" className="side-panel left" hidden={!panels.leftOpen}>
            {panelsShown ? (
              <Sidebar
                onOpenArticle={(articleId) => {
                  onOpenArticle(articleId);
                  // In a narrow window the list lies over the text: choosing an article shows it.
                  panels.dismissOverlay('left');
                }}
              />
            ) : (
              <div className="sidebar" aria-busy />
            )}
          </div>
          {panels.leftOpen && !panels.narrow && (
            <PanelResizer side="left" label="Width of the articles panel" onResize={panels.setWidth} />
          )}
          <main className="editor-column">
            <Centre />
          </main>
          {panels.rightOpen && !panels.narrow && (
            <PanelResizer side="right" label="Width of the details panel" onResize={panels.setWidth} />
          )}
          <aside id="right-panel" className="side-column side-panel right" hidden={!panels.rightOpen}>
            {panelsShown ? (
              <>
                <LayersPanel />
                <DocumentLabels />
                <DetailsPanel />
                <AnnotationList />
              </>
            ) : (
              <section className="annotation-list" aria-label="Annotations" aria-busy />
            )}
          </aside>
        </div>
        {help && (
          <Deferred what="the shortcuts" floating>
            <ShortcutsOverlay onClose={closeHelp} />
          </Deferred>
        )}
        {settings && (
          <Deferred what="the settings" floating>
            <SettingsDialog onClose={() => setSettings(false)} />
          </Deferred>
        )}
        {project && (
          <Deferred what="the team project" floating>
            <SyncDialog onClose={() => setProject(false)} />
          </Deferred>
        )}
        {exporting && (
          <Deferred what="the export" floating>
            <ExportDialog onClose={() => setExporting(false)} />
          </Deferred>
        )}
        {importing && (
          <Deferred what="the import" floating>
            <ImportDialog initialFiles={importing} onClose={() => setImporting(null)} />
          </Deferred>
        )}
        <KindPickerHost />
        <NoticeToasts />
      </div>
    </TagChannelProvider>
  );
}
