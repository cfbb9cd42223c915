/**
 * Which articles the lead has ticked for a bulk assignment. A selection is a
 * view choice: never an undo step, and it lives only as long as the list.
 */
export interface ListSelection {
  selected: ReadonlySet<string>;
  /** The row last clicked on its own: a shift-click ticks or unticks every row from it. */
  anchor: string | null;
}

export const NO_SELECTION: ListSelection = { selected: new Set(), anchor: null };

/**
 * A click on a row's box. Alone it flips that row and makes it the anchor;
 * with Shift every row of `order` between the anchor and it takes the state
 * the clicked row takes (an anchor not shown any more: the click is alone).
 * `order` need only hold the rows from the anchor to the row clicked (a long
 * list's rows are not all here: the list asks the server for those ids).
 */
export function clickRow(
  order: readonly string[],
  selection: ListSelection,
  id: string,
  shift: boolean,
): ListSelection {
  const on = !selection.selected.has(id);
  const next = new Set(selection.selected);
  const from = shift && selection.anchor !== null ? order.indexOf(selection.anchor) : -1;
  const to = order.indexOf(id);
  if (from < 0 || to < 0) {
    if (on) next.add(id);
    else next.delete(id);
    return { selected: next, anchor: id };
  }
  for (const rowId of order.slice(Math.min(from, to), Math.max(from, to) + 1)) {
    if (on) next.add(rowId);
    else next.delete(rowId);
  }
  return { selected: next, anchor: selection.anchor };
}

/** How many of the rows shown are ticked, for the "all shown" box: none, some (mixed) or all. */
export function shownState(shown: readonly string[], selected: ReadonlySet<string>): 'none' | 'some' | 'all' {
  const ticked = shown.filter((id) => selected.has(id)).length;
  return ticked === 0 ? 'none' : ticked === shown.length ? 'all' : 'some';
}

/**
 * The same from counts, for a list not all of whose rows are here: `ticked`
 * of the `shown` rows are ticked.
 */
export const shownStateOf = (ticked: number, shown: number): 'none' | 'some' | 'all' =>
  ticked === 0 ? 'none' : ticked >= shown ? 'all' : 'some';

/** The "all shown" box: ticks every row shown, or unticks them when all were (rows not shown keep their state). */
export function toggleShown(shown: readonly string[], selection: ListSelection): ListSelection {
  const next = new Set(selection.selected);
  const all = shownState(shown, selection.selected) === 'all';
  for (const id of shown) {
    if (all) next.delete(id);
    else next.add(id);
  }
  return { selected: next, anchor: selection.anchor };
}

/** The ticked rows that are still in the store, in the list's order: what a bulk action sends. */
export function selectedInOrder(order: readonly string[], selected: ReadonlySet<string>): string[] {
  return order.filter((id) => selected.has(id));
}
