import type { Extension } from '@codemirror/state';
import { RangeSetBuilder } from '@codemirror/state';
import type { DecorationSet, ViewUpdate } from '@codemirror/view';
import { Decoration, EditorView, ViewPlugin } from '@codemirror/view';

const autoDirection = Decoration.line({ attributes: { dir: 'auto' } });

function decorate(view: EditorView): DecorationSet {
  const builder = new RangeSetBuilder<Decoration>();
  let last = -1;
  for (const { from, to } of view.visibleRanges) {
    for (let pos = from; pos <= to;) {
      const line = view.state.doc.lineAt(pos);
      if (line.from > last) builder.add(line.from, line.from, autoDirection);
      last = line.from;
      pos = line.to + 1;
    }
  }
  return builder.finish();
}

/**
 * Each paragraph takes its direction from its own first strong letter
 * (`dir="auto"`), so an Arabic or Hebrew paragraph reads right to left beside
 * English ones; CodeMirror is told to place the caret by each line's direction.
 * Only the lines on screen are decorated, so a long article stays instant.
 */
export function lineDirection(): Extension {
  return [
    EditorView.perLineTextDirection.of(true),
    ViewPlugin.fromClass(
      class {
        decorations: DecorationSet;
        constructor(view: EditorView) {
          this.decorations = decorate(view);
        }
        update(update: ViewUpdate) {
          if (update.docChanged || update.viewportChanged) this.decorations = decorate(update.view);
        }
      },
      { decorations: (plugin) => plugin.decorations },
    ),
  ];
}
