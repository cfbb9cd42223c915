import type { ArticleLayer } from '../model';
import { GOLD } from '../model';
import { adjudicationState, compareLayers, layerNames } from './compare';

/** Where an article's adjudication stands when every layer on it (gold excepted) is compared. */
export interface ArticleAdjudication {
  /** The layers compared: every annotator with annotations on the article, gold excepted. */
  layers: string[];
  differences: number;
  decided: number;
  adjudicated: boolean;
}

/**
 * The article's adjudication, as the dashboard and the review page show it by
 * default: every layer compared, and adjudicated when every group (agreements
 * included) has a decision.
 */
export function articleAdjudication(layer: ArticleLayer, annotators?: readonly string[]): ArticleAdjudication {
  const layers = annotators ? [...annotators] : layerNames(layer, GOLD);
  const groups = layers.length >= 2 ? compareLayers(layer, layers) : [];
  return { layers, ...adjudicationState(layer, groups) };
}

/** Why an article is not adjudicated, in a few words; null when it is. */
export function notAdjudicatedReason(state: ArticleAdjudication): string | null {
  if (state.adjudicated) return null;
  if (state.layers.length === 0) return 'no annotator has annotated it';
  if (state.layers.length === 1) return `only ${state.layers[0]}'s layer: nothing to compare`;
  if (state.decided < state.differences) return `${state.decided} of ${state.differences} differences decided`;
  return 'the layers agree, but the agreements are not taken into gold yet';
}
