// The first paint, drawn by the entry (main.tsx) from the answers it asked
// for, while the app's code (React, CodeMirror) is still loading: the
// window as the app's first frame will show it, with the article's text and
// its highlights. The app replaces it whole when it draws its own first
// frame (React empties the root it starts in), so nothing here is ever
// interactive: it is inert, and says it is busy.
//
// It is plain DOM with the app's own classes, so styles.css lays it out as it
// lays out the app, and the text does not move when the editor takes its
// place (tests/e2e-web/first-paint.spec.ts compares the two).
import type { SessionStatus } from '../../../annotations/contract';
import type { Annotation, Article, ArticleLayer } from '../../../annotations/model';
import { spanPieces } from '../../../annotations/spans';
import { colourOf, layerStyle, markLook } from '../ArticleView/mark-look';
import { showInText } from '../ArticleView/show-in-text-choice';
import { narrowWindow, panelLayout } from '../layout/browser-layout';

/** What the first paint shows: the answers to the entry's early requests. */
export interface FirstPaintData {
  article: Article;
  layer: ArticleLayer;
  status: SessionStatus;
}

/**
 * How much text is drawn: lines are added until the text reaches below the
 * window (measured every `CHECK_EVERY` characters, from `AT_LEAST` on), and
 * never more than `AT_MOST` characters. The editor draws only what is in
 * view too, and replaces this soon.
 */
const AT_LEAST = 1000;
const CHECK_EVERY = 600;
const AT_MOST = 12_000;

type Child = Node | string | null | false;

function h(tag: string, props: Record<string, string | boolean> = {}, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === false) continue;
    if (name === 'class') element.className = value as string;
    else element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) if (child) element.append(child);
  return element;
}

const SVG = 'http://www.w3.org/2000/svg';

function svgElement(tag: string, attributes: Record<string, string>): SVGElement {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  return element;
}

/** The panel toggle's icon, as PanelToggle draws it. */
function panelIcon(side: 'left' | 'right', open: boolean): SVGElement {
  const svg = svgElement('svg', { viewBox: '0 0 16 16', width: '16', height: '16', 'aria-hidden': 'true' });
  svg.append(
    svgElement('rect', {
      x: '1.5',
      y: '2.5',
      width: '13',
      height: '11',
      rx: '1.5',
      fill: 'none',
      stroke: 'currentColor',
    }),
    svgElement('rect', {
      x: side === 'left' ? '2' : '10',
      y: '3',
      width: '4',
      height: '10',
      fill: open ? 'currentColor' : 'none',
    }),
  );
  return svg;
}

const button = (props: Record<string, string | boolean>, ...children: Child[]) =>
  h('button', { type: 'button', ...props }, ...children);

/** The top bar as TopBar draws it before anything was done: no undo step, everything saved. */
function topBar(data: FirstPaintData, panels: { left: boolean; right: boolean }): HTMLElement {
  const { status, article } = data;
  const actions = ['Undo', 'Redo', 'Tagset', 'Guidelines', 'Review', 'Agreement', 'Import…', 'Export…'];
  const settings = `${status.annotator || 'Settings'}…`;
  const kinds = status.tagset.kinds.map((k) => {
    const swatch = h('span', { class: 'swatch' });
    swatch.style.backgroundColor = k.color;
    return button({ class: 'kind-button' }, swatch, k.hotkey ? h('kbd', {}, k.hotkey) : null, ` ${k.label}`);
  });
  const key = (keys: string, what: string) => h('span', {}, h('kbd', {}, keys), ` ${what}`);
  return h(
    'header',
    { class: 'top-bar' },
    h(
      'div',
      { class: 'row' },
      button(
        { class: 'panel-toggle left', 'aria-label': 'Articles panel', 'aria-expanded': String(panels.left) },
        panelIcon('left', panels.left),
      ),
      h('strong', { class: 'brand' }, 'Factmark'),
      h('span', { class: 'article-title' }, article.title),
      h(
        'div',
        { class: 'top-actions' },
        ...actions.map((label) => button({ disabled: label === 'Undo' || label === 'Redo' }, label)),
        button({}, settings),
      ),
      h('div', { class: 'actions-menu' }, button({}, 'Menu')),
      button(
        { class: 'panel-toggle right', 'aria-label': 'Details panel', 'aria-expanded': String(panels.right) },
        panelIcon('right', panels.right),
      ),
    ),
    h(
      'div',
      { class: 'row shortcuts' },
      h('div', { class: 'kind-palette-wrap' }, h('div', { class: 'kind-palette' }, ...kinds)),
      h('span', { class: 'save-state' }, 'All changes saved'),
      h('span', { class: 'sync-control' }, button({}, 'Sync'), button({ class: 'plain sync-status' })),
      h(
        'div',
        { class: 'fixed-keys' },
        key('/', 'any kind'),
        key('Del', 'delete'),
        key('Ctrl+Z', 'undo'),
        button({ class: 'plain' }, h('kbd', {}, '?'), ' all shortcuts'),
      ),
    ),
  );
}

/**
 * Fills `content` (in the page already) with the text's first screen and its
 * highlights, until the window is full: a line per line of the text,
 * and for each stretch between two span ends, the marks of the spans over it
 * nested as the editor nests them (the outermost span outermost).
 */
function fillText(content: HTMLElement, data: FirstPaintData): void {
  const { article, layer, status } = data;
  const text = article.text;
  const shown = Math.min(text.length, AT_MOST);
  const kinds = new Map(status.tagset.kinds.map((k) => [k.kind, k]));
  const pieces = layer.annotations
    .flatMap((a) => spanPieces(a).map((p) => ({ ...p, a, fragment: a.fragments !== undefined })))
    .filter((p) => p.start < shown && p.end > p.start)
    .sort((x, y) => x.start - y.start || y.end - x.end);
  const cuts = new Set([0, shown]);
  for (const p of pieces) cuts.add(p.start).add(Math.min(p.end, shown));
  for (let at = text.indexOf('\n'); at >= 0 && at < shown; at = text.indexOf('\n', at + 1)) cuts.add(at).add(at + 1);
  const points = [...cuts].sort((x, y) => x - y);

  let line = h('div', { class: 'fm-first-paint-line' });
  content.append(line);
  let checkedAt = AT_LEAST - CHECK_EVERY;
  /** Whether the text drawn so far reaches below the window (a layout of what is drawn; the frame needs it anyway). */
  const filled = (at: number) => {
    if (at - checkedAt < CHECK_EVERY) return false;
    checkedAt = at;
    return content.getBoundingClientRect().bottom > window.innerHeight;
  };
  const over: typeof pieces = [];
  let next = 0;
  const marked = (a: Annotation, fragment: boolean, inner: Node): Node => {
    const look = markLook(a.kind, colourOf(kinds.get(a.kind)), layerStyle(a.annotator, status.annotator), fragment);
    const mark = h('span', { class: look.className, style: look.style });
    mark.append(inner);
    return mark;
  };
  for (let i = 0; i < points.length - 1; i++) {
    const from = points[i]!;
    const to = points[i + 1]!;
    if (text[from] === '\n') {
      if (!line.firstChild) line.append(h('br'));
      if (filled(from)) return;
      line = h('div', { class: 'fm-first-paint-line' });
      content.append(line);
      continue;
    }
    while (next < pieces.length && pieces[next]!.start <= from) over.push(pieces[next++]!);
    for (let k = over.length - 1; k >= 0; k--) if (over[k]!.end <= from) over.splice(k, 1);
    let node: Node = document.createTextNode(text.slice(from, to));
    for (let k = over.length - 1; k >= 0; k--) node = marked(over[k]!.a, over[k]!.fragment, node);
    line.append(node);
  }
  if (!line.firstChild) line.append(h('br'));
}

/** Replaces `root`'s content with the first paint of `data`'s article. */
export function drawFirstPaint(root: HTMLElement, data: FirstPaintData): void {
  const content = h('div', { class: 'fm-first-paint-content' });
  const layout = panelLayout.getState();
  const narrow = narrowWindow.get();
  const panels = { left: layout.left ?? !narrow, right: layout.right ?? !narrow };
  const show = showInText();
  const columns = h(
    'div',
    { class: `columns${narrow ? ' narrow' : ''}` },
    h('div', { class: 'side-panel left', hidden: !panels.left }, h('div', { class: 'sidebar' })),
    panels.left && !narrow && h('div', { class: 'panel-resizer left' }),
    h(
      'main',
      { class: 'editor-column' },
      h(
        'div',
        { class: `article-view${show.labels ? ' with-labels' : ''}${show.arcs ? ' with-arcs' : ''}` },
        h('div', { class: 'fm-first-paint-editor' }, h('div', { class: 'fm-first-paint-scroller' }, content)),
      ),
    ),
    panels.right && !narrow && h('div', { class: 'panel-resizer right' }),
    h(
      'aside',
      { class: 'side-column side-panel right', hidden: !panels.right },
      h('section', { class: 'annotation-list' }),
    ),
  );
  if (layout.leftWidth !== null) columns.style.setProperty('--left-width', `${layout.leftWidth}px`);
  if (layout.rightWidth !== null) columns.style.setProperty('--right-width', `${layout.rightWidth}px`);
  root.replaceChildren(
    h('div', { class: 'app fm-first-paint', inert: true, 'aria-busy': 'true' }, topBar(data, panels), columns),
  );
  // Filled in place, so that it can stop once the window is full.
  fillText(content, data);
}
