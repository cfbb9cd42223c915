import { useSyncExternalStore } from 'react';
import type { ShowInText } from './structure';
import { showInText, subscribeShowInText } from './show-in-text-choice';

export function useShowInText(): ShowInText {
  return useSyncExternalStore(subscribeShowInText, showInText);
}
