import { Parser } from 'htmlparser2';

/**
 * What a Label Studio labelling config (the project's XML) says of its
 * labels, read for the import: which data key holds the text, the span
 * labels and their colours, the per-region controls that become
 * attributes, and the relation labels. @see https://labelstud.io/tags/
 */
export interface LabelStudioConfig {
  /** The task data key the Text control shows (`value="$text"` → `text`). */
  textKey: string | null;
  /** Span labels, in config order, with a colour when the config's reads as one. */
  labels: { value: string; color: string | null }[];
  /** Per-region controls by name. */
  controls: Map<string, LabelStudioControl>;
  relations: string[];
}

/** A control giving each region a value: a choice, a number, a text. */
export interface LabelStudioControl {
  name: string;
  type: 'choices' | 'number' | 'textarea';
  /** Choices: more than one may be chosen. */
  multiple: boolean;
  /** Choices: the values stored (a Choice's `alias` when it has one). */
  options: string[];
  /** The labels whose regions show it (`whenLabelValue`); empty: every label. */
  forLabels: string[];
}

const NAMED: Record<string, string> = {
  black: '#000000',
  blue: '#0000ff',
  brown: '#a52a2a',
  coral: '#ff7f50',
  crimson: '#dc143c',
  cyan: '#00ffff',
  darkblue: '#00008b',
  darkgreen: '#006400',
  darkorange: '#ff8c00',
  gold: '#ffd700',
  gray: '#808080',
  green: '#008000',
  grey: '#808080',
  indigo: '#4b0082',
  lightblue: '#add8e6',
  lightgreen: '#90ee90',
  lime: '#00ff00',
  magenta: '#ff00ff',
  maroon: '#800000',
  navy: '#000080',
  olive: '#808000',
  orange: '#ffa500',
  orangered: '#ff4500',
  pink: '#ffc0cb',
  purple: '#800080',
  red: '#ff0000',
  salmon: '#fa8072',
  teal: '#008080',
  tomato: '#ff6347',
  violet: '#ee82ee',
  yellow: '#ffff00',
};

const hex2 = (n: number) =>
  Math.max(0, Math.min(255, Math.round(n)))
    .toString(16)
    .padStart(2, '0');

/** A CSS colour as `#rrggbb`: hex (3, 6 or 8 digits), `rgb()`/`rgba()`, or a common colour name; else null. */
export function cssColor(raw: string | undefined): string | null {
  const value = raw?.trim().toLowerCase() ?? '';
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(value);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`;
  const long = /^#([0-9a-f]{6})(?:[0-9a-f]{2})?$/.exec(value);
  if (long) return `#${long[1]}`;
  const rgb = /^rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*(?:,[^)]*)?\)$/.exec(value);
  if (rgb) return `#${hex2(Number(rgb[1]))}${hex2(Number(rgb[2]))}${hex2(Number(rgb[3]))}`;
  return NAMED[value] ?? null;
}

/** Reads a labelling config; an Error when it is not one. */
export function parseLabelStudioConfig(xml: string): LabelStudioConfig | Error {
  const config: LabelStudioConfig = { textKey: null, labels: [], controls: new Map(), relations: [] };
  let sawView = false;
  /** The open Labels, Choices or Relations element, whose children name its values. */
  let open: { tag: string; control?: LabelStudioControl } | null = null;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const tag = name.toLowerCase();
        if (tag === 'view') sawView = true;
        else if (tag === 'text' && attrs.value?.startsWith('$') && config.textKey === null)
          config.textKey = attrs.value.slice(1);
        else if (tag === 'labels' || tag === 'relations') open = { tag };
        else if (tag === 'label' && open?.tag === 'labels' && attrs.value !== undefined) {
          const value = attrs.alias ?? attrs.value;
          if (!config.labels.some((l) => l.value === value))
            config.labels.push({ value, color: cssColor(attrs.background) });
        } else if (tag === 'relation' && open?.tag === 'relations' && attrs.value !== undefined)
          config.relations.push(attrs.value);
        else if ((tag === 'choices' || tag === 'number' || tag === 'rating' || tag === 'textarea') && attrs.name) {
          if (attrs.perregion !== 'true' && attrs.perRegion !== 'true') return;
          const control: LabelStudioControl = {
            name: attrs.name,
            type: tag === 'choices' ? 'choices' : tag === 'textarea' ? 'textarea' : 'number',
            multiple: attrs.choice === 'multiple',
            options: [],
            forLabels: (attrs.whenlabelvalue ?? attrs.whenLabelValue ?? '')
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean),
          };
          config.controls.set(control.name, control);
          if (tag === 'choices') open = { tag, control };
        } else if (tag === 'choice' && open?.control && attrs.value !== undefined)
          open.control.options.push(attrs.alias ?? attrs.value);
      },
      onclosetag(name) {
        const tag = name.toLowerCase();
        if (open?.tag === tag) open = null;
      },
    },
    { xmlMode: true, lowerCaseAttributeNames: true },
  );
  parser.write(xml);
  parser.end();
  if (!sawView) return new Error('not a Label Studio labelling config: it has no <View> element');
  return config;
}
