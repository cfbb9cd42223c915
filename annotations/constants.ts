// The model's named values, apart from its schemas: model.ts builds every
// schema as it loads (and with them zod), which the renderer's first paint
// should not wait for. model.ts re-exports these, so the core reads them
// from either place.

/** The layer adjudicated annotations go to; no annotator may take this name. */
export const GOLD = 'gold';

/**
 * How a difference between layers was decided. `agreed`: every layer had the
 * same annotation; `accept`: one annotator's annotation; `accept-all`: each
 * layer's annotation; `edit`: the adjudicator's own version; `reject`: none.
 */
export const DECISION_ACTIONS = ['agreed', 'accept', 'accept-all', 'edit', 'reject'] as const;
export type DecisionAction = (typeof DECISION_ACTIONS)[number];

/** The kinds of registry entity. */
export const ENTITY_TYPES = ['person', 'organisation', 'place', 'group', 'other'] as const;
