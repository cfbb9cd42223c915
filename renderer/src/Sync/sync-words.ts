import type { ProjectState } from './project-state';

/** What the top bar says of the project, in a few words. */
export function syncStatusText({ status, busy }: Pick<ProjectState, 'status' | 'busy'>): string {
  if (busy === 'sync') return 'Syncing…';
  if (busy === 'publish') return 'Publishing…';
  if (busy === 'clone') return 'Cloning…';
  if (!status) return '';
  if (!status.shared) return 'Not shared';
  if (status.conflicts.length > 0)
    return `${status.conflicts.length} conflict${status.conflicts.length === 1 ? '' : 's'} to resolve`;
  if (status.lastError) return 'Sync failed';
  if (!status.lastSync) return 'Not synced yet';
  return 'Synced';
}

/** "3 minutes ago", for the last sync. */
export function sinceText(at: string, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(at)) / 1000));
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'} ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} hour${hours === 1 ? '' : 's'} ago`;
  return new Date(at).toLocaleString();
}
