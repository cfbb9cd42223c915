import { Suspense, lazy, useCallback, useEffect, useState } from 'react';
import type { CSSProperties } from 'react';
import { AnnotationList } from './AnnotationList/AnnotationList';
import { ArticleView } from './ArticleView/ArticleView';
import { DetailsPanel } from './DetailsPanel/DetailsPanel';
import { DocumentLabels } from './DocumentLabels/DocumentLabels';
import { EntityPage } from './EntityPage/EntityPage';
import { EventPage } from './EventPage/EventPage';
import { ExportDialog } from './ExportDialog/ExportDialog';
import { ImportDialog } from './ImportDialog/ImportDialog';
import { LayersPanel } from './LayersPanel/LayersPanel';
import { PanelResizer } from './layout/PanelResizer';
import { usePanels } from './layout/use-panel-layout';
import { ReviewPage } from './ReviewPage/ReviewPage';
import { GuidelinesPanel } from './GuidelinesPanel/GuidelinesPanel';
import { SettingsDialog } from './SettingsDialog/SettingsDialog';
import { KindPicker } from './keyboard/KindPicker';
import { ShortcutsOverlay } from './keyboard/ShortcutsOverlay';
import { useGlobalKeys } from './keyboard/use-global-keys';
import { Sidebar } from './Sidebar/Sidebar';
import { SyncDialog } from './Sync/SyncDialog';
import { createTagChannel } from './state/tag-channel';
import { TagChannelProvider, usePicking } from './state/tag-channel-context';
import { useWorkspace, useWorkspaceStore } from './state/workspace-context';
import { TagsetEditor } from './TagsetEditor/TagsetEditor';
import { NoticeToasts } from './Toasts/NoticeToasts';
import { TopBar } from './TopBar/TopBar';

// The dashboard brings the chart library: loaded when first opened, so the editor starts as fast as before.
const Dashboard = lazy(() => import('./Dashboard/Dashboard').then((m) => ({ default: m.Dashboard })));

function Centre() {
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
      return (
        <Suspense fallback={<p className="hint">Loading the dashboard…</p>}>
          <Dashboard />
        </Suspense>
      );
  }
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
            <Sidebar
              onOpenArticle={(articleId) => {
                onOpenArticle(articleId);
                // In a narrow window the list lies over the text: choosing an article shows it.
                panels.dismissOverlay('left');
              }}
            />
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
            <LayersPanel />
            <DocumentLabels />
            <DetailsPanel />
            <AnnotationList />
          </aside>
        </div>
        {help && <ShortcutsOverlay onClose={closeHelp} />}
        {settings && <SettingsDialog onClose={() => setSettings(false)} />}
        {project && <SyncDialog onClose={() => setProject(false)} />}
        {exporting && <ExportDialog onClose={() => setExporting(false)} />}
        {importing && <ImportDialog initialFiles={importing} onClose={() => setImporting(null)} />}
        <KindPickerHost />
        <NoticeToasts />
      </div>
    </TagChannelProvider>
  );
}
