import type { EditorState, Extension } from '@codemirror/state';
import { StateEffect, StateField } from '@codemirror/state';
import type { LayerMarker, Tooltip, EditorView } from '@codemirror/view';
import { hoverTooltip, layer } from '@codemirror/view';
import type { Annotation, Relation } from '../../../annotations/model';
import { spanPieces } from '../../../annotations/spans';
import type { DescribeContext } from './describe-annotation';
import { describeAnnotation, kindLabel, layerWords } from './describe-annotation';
import { annotationsAt } from './highlight-field';

/** What the text shows besides the highlights: span labels, link arcs. */
export interface ShowInText {
  labels: boolean;
  arcs: boolean;
}

/** The open article's structure as the text draws it. */
export interface Structure {
  /** The annotations of the layers shown. */
  annotations: readonly Annotation[];
  /** The links between two shown annotations: what arcs are drawn for. */
  relations: readonly Relation[];
  selectedId: string | null;
  show: ShowInText;
  describe: DescribeContext;
}

export const setStructure = StateEffect.define<Structure>();

const structureField = StateField.define<Structure | null>({
  create: () => null,
  update(value, transaction) {
    for (const effect of transaction.effects) if (effect.is(setStructure)) return effect.value;
    return value;
  },
});

/** The structure the text draws now, if any. */
export const structureOf = (state: EditorState): Structure | null => state.field(structureField, false) ?? null;

// ------------------------------------------------------ span labels and arcs

interface Label {
  id: string;
  text: string;
  color: string;
  layer: 'mine' | 'other' | 'gold';
  x: number;
  y: number;
}

interface Arc {
  path: string;
  label: string;
  x: number;
  y: number;
  selected: boolean;
}

/** How tall a span label is, and how far above the text an arc's ends start: clear of the labels. */
const LABEL_HEIGHT = 13;
const ABOVE = LABEL_HEIGHT + 2;
const SVG = 'http://www.w3.org/2000/svg';

/** Label widths, measured once per text in the labels' font. */
const widths = new Map<string, number>();
let measure: CanvasRenderingContext2D | null | undefined;
function labelWidth(text: string): number {
  let width = widths.get(text);
  if (width === undefined) {
    measure ??= document.createElement('canvas').getContext('2d');
    if (measure) measure.font = '10.5px system-ui, sans-serif';
    width = Math.ceil((measure?.measureText(text).width ?? text.length * 6.5) + 10);
    widths.set(text, width);
  }
  return width;
}

/**
 * Everything drawn over the text as one layer: span labels above each span's
 * first letter (never in the text itself, so they are not copied, searched or
 * counted in offsets, and never shift a letter), and link arcs. Redrawn only
 * when something in it changed.
 */
class StructureMarker implements LayerMarker {
  constructor(
    readonly labels: readonly Label[],
    readonly arcs: readonly Arc[],
    readonly key: string,
  ) {}
  eq(other: LayerMarker): boolean {
    return other instanceof StructureMarker && other.key === this.key;
  }
  draw(): HTMLElement {
    const box = document.createElement('div');
    box.className = 'fm-structure';
    for (const l of this.labels) {
      const label = document.createElement('span');
      label.className = `fm-label fm-label-${l.layer}`;
      label.dataset.label = l.text;
      label.dataset.annotationId = l.id;
      label.textContent = l.text;
      label.style.setProperty('--kind', l.color);
      label.style.left = `${l.x}px`;
      label.style.top = `${l.y}px`;
      box.append(label);
    }
    if (this.arcs.length > 0) box.append(arcsSvg(this.arcs));
    return box;
  }
}

function arcsSvg(arcs: readonly Arc[]): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', 'fm-arcs-svg');
  const defs = document.createElementNS(SVG, 'defs');
  for (const [id, cls] of [
    ['fm-arrow', 'fm-arrow'],
    ['fm-arrow-selected', 'fm-arrow fm-arrow-selected'],
  ] as const) {
    const marker = document.createElementNS(SVG, 'marker');
    for (const [k, v] of Object.entries({
      id,
      viewBox: '0 0 10 10',
      refX: '9',
      refY: '5',
      markerWidth: '7',
      markerHeight: '7',
      orient: 'auto-start-reverse',
    }))
      marker.setAttribute(k, v);
    const head = document.createElementNS(SVG, 'path');
    head.setAttribute('d', 'M0,0 L10,5 L0,10 z');
    head.setAttribute('class', cls);
    marker.append(head);
    defs.append(marker);
  }
  svg.append(defs);
  for (const arc of arcs) {
    const path = document.createElementNS(SVG, 'path');
    path.setAttribute('d', arc.path);
    path.setAttribute('class', arc.selected ? 'fm-arc fm-arc-selected' : 'fm-arc');
    path.setAttribute('marker-end', `url(#${arc.selected ? 'fm-arrow-selected' : 'fm-arrow'})`);
    svg.append(path);
    const text = document.createElementNS(SVG, 'text');
    text.setAttribute('x', arc.x.toFixed(1));
    text.setAttribute('y', arc.y.toFixed(1));
    text.setAttribute('class', arc.selected ? 'fm-arc-label fm-arc-selected' : 'fm-arc-label');
    text.textContent = arc.label;
    svg.append(text);
  }
  return svg;
}

type Base = { left: number; top: number };
type Point = { x: number; y: number };

/**
 * Where letters are drawn, relative to the document (so scrolling keeps
 * them), by position and side. Highlights, handles and the selection never
 * move a letter, so while the text, its viewport, its heights and its width
 * stay the same, a new tag measures only its own label and arc ends, not
 * every label in view: the structure is redrawn in the frame of every
 * keystroke, and each measure is a layout read.
 */
interface Positions {
  doc: EditorState['doc'];
  signature: string;
  at: Map<number, Point | null>;
}
const positionsOf = new WeakMap<EditorView, Positions>();

function positions(view: EditorView): Positions {
  const width = view.contentDOM.getBoundingClientRect().width;
  const { from, to } = view.viewport;
  const signature = [
    from,
    to,
    view.contentHeight,
    width,
    view.defaultLineHeight,
    view.defaultCharacterWidth,
    view.scaleX,
    view.scaleY,
  ].join(' ');
  const known = positionsOf.get(view);
  if (known && known.doc === view.state.doc && known.signature === signature) return known;
  const fresh = { doc: view.state.doc, signature, at: new Map<number, Point | null>() };
  positionsOf.set(view, fresh);
  return fresh;
}

/** The top left of the letter at `pos` (`side` as in `coordsAtPos`), relative to the layer. */
function letterAt(view: EditorView, pos: number, side: 1 | -1, base: Base, known: Positions): Point | null {
  const key = pos * 2 + (side > 0 ? 1 : 0);
  let point = known.at.get(key);
  if (point === undefined) {
    const at = view.coordsAtPos(pos, side);
    point = at ? { x: at.left - base.left, y: at.top - base.top } : null;
    known.at.set(key, point);
  }
  return point;
}

/** The top left of a span's first letter, relative to the layer; null when it is not drawn. */
function startOf(view: EditorView, a: Annotation, base: Base, known: Positions): Point | null {
  const first = spanPieces(a)[0]!;
  const { from, to } = view.viewport;
  if (first.start < from || first.start >= to) return null;
  return letterAt(view, first.start, 1, base, known);
}

/** Where an arc ends on a span: above the middle of its first piece's first line. */
function arcEnd(view: EditorView, a: Annotation, base: Base, known: Positions): Point | null {
  const start = startOf(view, a, base, known);
  if (!start) return null;
  const first = spanPieces(a)[0]!;
  const end = letterAt(view, Math.min(first.end, view.viewport.to), -1, base, known);
  // The end of the piece on the same line, or a little way in if the piece wraps.
  const right = end && Math.abs(end.y - start.y) < 2 ? end.x : start.x + 24;
  return { x: (start.x + right) / 2, y: start.y - ABOVE };
}

function labelsOf(view: EditorView, structure: Structure, base: Base, known: Positions): Label[] {
  const { kinds, me } = structure.describe;
  const { from, to } = view.viewport;
  const labels: Label[] = [];
  for (const a of structure.annotations) {
    if (a.start >= to) break;
    if (a.start < from) continue;
    const at = startOf(view, a, base, known);
    if (!at) continue;
    const who = layerWords(a.annotator, me);
    labels.push({
      id: a.id,
      text: who === 'yours' ? kindLabel(kinds, a.kind) : `${kindLabel(kinds, a.kind)} · ${who}`,
      color: kinds.find((k) => k.kind === a.kind)?.color ?? '#888888',
      layer: who === 'yours' ? 'mine' : who === 'gold' ? 'gold' : 'other',
      x: at.x,
      y: at.y - LABEL_HEIGHT,
    });
  }
  // Labels that would overlap on a line stand side by side instead.
  labels.sort((a, b) => a.y - b.y);
  const rows: Label[][] = [];
  for (const l of labels) {
    const last = rows.at(-1);
    if (last && l.y - last[0]!.y < 4) last.push(l);
    else rows.push([l]);
  }
  for (const line of rows) {
    line.sort((a, b) => a.x - b.x);
    let right = -Infinity;
    for (const l of line) {
      l.x = Math.max(l.x, right + 2);
      right = l.x + labelWidth(l.text);
    }
  }
  return rows.flat();
}

/** The highest point of the cubic curve from `a` to `b` with both control points at height `top`. */
function crest(a: { x: number; y: number }, b: { x: number; y: number }, top: number): { x: number; y: number } {
  let best = { x: a.x, y: a.y };
  for (let t = 0.05; t < 1; t += 0.05) {
    const u = 1 - t;
    const y = u * u * u * a.y + 3 * u * t * top + t * t * t * b.y;
    if (y < best.y) best = { x: u * u * u * a.x + 3 * u * u * t * a.x + 3 * u * t * t * b.x + t * t * t * b.x, y };
  }
  return best;
}

function arcsOf(view: EditorView, structure: Structure, base: Base, known: Positions): Arc[] {
  const { byId, relationTypes } = structure.describe;
  // One arc per path and type: the same link in several layers is drawn once.
  const arcs = new Map<string, Arc>();
  for (const r of structure.relations) {
    const from = byId.get(r.from);
    const to = byId.get(r.to.id);
    if (!from || !to) continue;
    const a = arcEnd(view, from, base, known);
    const b = arcEnd(view, to, base, known);
    if (!a || !b) continue;
    // A curve rising above both ends into the space between the lines, a little higher the farther apart they are.
    const top = Math.min(a.y, b.y) - Math.min(12, 6 + Math.abs(b.x - a.x) / 40);
    const f = (n: number) => n.toFixed(1);
    const path = `M${f(a.x)},${f(a.y)} C${f(a.x)},${f(top)} ${f(b.x)},${f(top)} ${f(b.x)},${f(b.y)}`;
    const selected = structure.selectedId === from.id || structure.selectedId === to.id;
    const label = relationTypes.find((t) => t.type === r.type)?.label ?? r.type;
    const key = `${path}|${label}`;
    const same = arcs.get(key);
    if (same) {
      same.selected ||= selected;
      continue;
    }
    // The label on the crest, its foot just above the span labels.
    const peak = crest(a, b, top);
    arcs.set(key, { path, label, x: peak.x, y: peak.y + 3, selected });
  }
  return [...arcs.values()];
}

function structureMarkers(view: EditorView): readonly LayerMarker[] {
  const structure = view.state.field(structureField, false);
  if (!structure || (!structure.show.labels && !structure.show.arcs)) return [];
  const rect = view.scrollDOM.getBoundingClientRect();
  const base = {
    left: rect.left - view.scrollDOM.scrollLeft * view.scaleX,
    top: rect.top - view.scrollDOM.scrollTop * view.scaleY,
  };
  const known = positions(view);
  const labels = structure.show.labels ? labelsOf(view, structure, base, known) : [];
  const arcs = structure.show.arcs ? arcsOf(view, structure, base, known) : [];
  if (labels.length === 0 && arcs.length === 0) return [];
  const key =
    labels.map((l) => `${l.id}|${l.text}|${l.color}|${l.x.toFixed(1)},${l.y.toFixed(1)}`).join(';') +
    '#' +
    arcs.map((arc) => `${arc.path}|${arc.label}|${arc.selected}`).join(';');
  return [new StructureMarker(labels, arcs, key)];
}

const structureLayer = layer({
  above: true,
  class: 'fm-structure-layer',
  markers: structureMarkers,
  update: (update) =>
    update.docChanged ||
    update.viewportChanged ||
    update.transactions.some((t) => t.effects.some((e) => e.is(setStructure))),
});

// ------------------------------------------------------------------ tooltips

/** Hovering a span shows what it is: kind, layer, key values, entity, event and links, for every span there. */
const spanTooltips = hoverTooltip(
  (view, pos, side): Tooltip | null => {
    const structure = view.state.field(structureField, false);
    if (!structure) return null;
    const at = annotationsAt(structure.annotations, side < 0 ? Math.max(0, pos - 1) : pos);
    if (at.length === 0) return null;
    return {
      pos: Math.min(...at.map((a) => a.start)),
      end: Math.max(...at.map((a) => a.end)),
      above: true,
      create: () => {
        const dom = document.createElement('div');
        dom.className = 'fm-span-tooltip';
        dom.setAttribute('role', 'tooltip');
        for (const a of at) {
          const block = document.createElement('div');
          block.className = 'fm-span-tooltip-item';
          describeAnnotation(a, structure.describe).forEach((line, i) => {
            const row = document.createElement('div');
            row.textContent = line;
            if (i === 0) row.className = 'fm-span-tooltip-head';
            block.append(row);
          });
          dom.append(block);
        }
        return { dom };
      },
    };
  },
  // Gone as soon as the selection or the text changes.
  { hoverTime: 350, hideOnChange: true },
);

/** Span labels, link arcs and tooltips, fed by `setStructure`. */
export function structureView(): Extension {
  return [structureField, structureLayer, spanTooltips];
}

/** The label a press landed on, if any: pressing a label selects its span. */
export function labelAt(target: EventTarget | null): string | null {
  return target instanceof HTMLElement
    ? (target.closest<HTMLElement>('.fm-label')?.dataset.annotationId ?? null)
    : null;
}
