import { describe, expect, it } from 'vitest';
import type { ProjectStatus } from '../../../annotations/project';
import { recordRows } from '../../../renderer/src/Sync/record-rows';
import { sinceText, syncStatusText } from '../../../renderer/src/Sync/sync-words';

const status = (patch: Partial<ProjectStatus>): ProjectStatus => ({
  shared: true,
  remote: 'https://git.example.org/p.git',
  credentials: null,
  keychain: false,
  lastSync: null,
  lastError: null,
  conflicts: [],
  author: 'ana',
  ...patch,
});

describe('two versions of a record side by side', () => {
  it('pairs fields by path and marks those that differ', () => {
    const rows = recordRows(
      { id: 'e1', name: 'Hossein Dehghan', aliases: ['Dehghan'] },
      { id: 'e1', name: 'Hossein Dehqan', aliases: ['Dehghan'] },
    );
    expect(rows).toEqual([
      { path: 'id', ours: 'e1', theirs: 'e1', differs: false },
      { path: 'name', ours: 'Hossein Dehghan', theirs: 'Hossein Dehqan', differs: true },
      { path: 'aliases', ours: '["Dehghan"]', theirs: '["Dehghan"]', differs: false },
    ]);
  });

  it('keys lists of named things by name, so one kind added does not shift the others', () => {
    const ours = {
      kinds: [
        { kind: 'claim', name: 'claim' },
        { name: 'date', color: '#111' },
      ],
    };
    const theirs = { kinds: [{ name: 'claim', kind: 'claim' }, { name: 'quote' }, { name: 'date', color: '#222' }] };
    const differing = recordRows(ours, theirs).filter((r) => r.differs);
    expect(differing.map((r) => [r.path, r.ours, r.theirs])).toEqual([
      ['kinds[date].color', '#111', '#222'],
      ['kinds[quote].name', null, 'quote'],
    ]);
  });

  it('shows a deletion as a side with nothing', () => {
    const rows = recordRows(null, { name: 'x' });
    expect(rows).toEqual([{ path: 'name', ours: null, theirs: 'x', differs: true }]);
  });
});

describe('the top bar’s word on the project', () => {
  it('says what needs the user first', () => {
    expect(syncStatusText({ status: null, busy: null })).toBe('');
    expect(syncStatusText({ status: status({ shared: false, remote: null }), busy: null })).toBe('Not shared');
    expect(syncStatusText({ status: status({}), busy: null })).toBe('Not synced yet');
    const synced = { at: '2026-12-01T00:00:00Z', status: 'pushed' as const, message: 'sent' };
    expect(syncStatusText({ status: status({ lastSync: synced }), busy: null })).toBe('Synced');
    const failed = { at: '2026-12-01T00:00:00Z', code: 'network', message: 'Cannot reach' };
    expect(syncStatusText({ status: status({ lastSync: synced, lastError: failed }), busy: null })).toBe('Sync failed');
    const conflict = { key: 'entity/e1', summary: 's', choices: [], conflict: {} } as never;
    expect(syncStatusText({ status: status({ conflicts: [conflict, conflict] }), busy: null })).toBe(
      '2 conflicts to resolve',
    );
    expect(syncStatusText({ status: status({}), busy: 'sync' })).toBe('Syncing…');
  });

  it('tells the time since the last sync in words', () => {
    const now = Date.parse('2026-12-01T12:00:00Z');
    expect(sinceText('2026-12-01T11:59:50Z', now)).toBe('just now');
    expect(sinceText('2026-12-01T11:57:00Z', now)).toBe('3 minutes ago');
    expect(sinceText('2026-12-01T10:00:00Z', now)).toBe('2 hours ago');
  });
});
