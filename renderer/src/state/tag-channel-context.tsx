import { createContext, useContext, useSyncExternalStore } from 'react';
import type { ReactNode } from 'react';
import type { TagChannel } from './tag-channel';

const TagChannelContext = createContext<TagChannel | null>(null);

export function TagChannelProvider({ channel, children }: { channel: TagChannel; children: ReactNode }) {
  return <TagChannelContext.Provider value={channel}>{children}</TagChannelContext.Provider>;
}

export function useTagChannel(): TagChannel {
  const channel = useContext(TagChannelContext);
  if (!channel) throw new Error('useTagChannel needs a TagChannelProvider');
  return channel;
}

/** Whether the kind picker is open. */
export function usePicking(): boolean {
  const channel = useTagChannel();
  return useSyncExternalStore(channel.subscribePicking, channel.isPicking);
}
