import { useState } from 'react';
import { TEAM_ROLES } from '../../../annotations/project';
import type { TeamRole } from '../../../annotations/project';
import { useWorkspace } from '../state/workspace-context';
import { useTeam, useTeamStore } from './use-team';
import { canManageTeam, hasLead, roleOf } from './team-view';
import './team.css';

const ROLE_NAMES: Record<TeamRole, string> = { lead: 'Lead', annotator: 'Annotator' };

/**
 * The project's members: add one with a role, change a role, remove one.
 * Each change is saved at once and is an undo step. A lead manages the team;
 * while it has none, anyone may, and "Make me lead" starts it.
 */
export function TeamSection() {
  const teamStore = useTeamStore();
  const team = useTeam((t) => t.team);
  const me = useWorkspace((s) => s.status?.annotator ?? '');
  const [name, setName] = useState('');
  const [role, setRole] = useState<TeamRole>('annotator');
  const [busy, setBusy] = useState(false);
  const manage = canManageTeam(team, me);
  const run = (work: Promise<boolean>, after?: () => void) => {
    setBusy(true);
    void work.then((ok) => ok && after?.()).finally(() => setBusy(false));
  };
  const newName = name.trim();
  const taken = team.members.some((m) => m.name === newName);

  return (
    <section className="team-section" aria-labelledby="team-heading">
      <h3 id="team-heading">Team</h3>
      {team.members.length === 0 ? (
        <p className="hint">
          No members yet. The lead assigns articles to annotators from the article list; make yourself lead to start.
        </p>
      ) : (
        <ul className="team-members">
          {team.members.map((m) => (
            <li key={m.name}>
              <span className="member-name">
                {m.name}
                {m.name === me ? ' (you)' : ''}
              </span>
              <select
                aria-label={`Role of ${m.name}`}
                value={m.role}
                disabled={!manage || busy}
                onChange={(e) => run(teamStore.setMember(m.name, e.target.value as TeamRole))}
              >
                {TEAM_ROLES.map((r) => (
                  <option key={r} value={r}>
                    {ROLE_NAMES[r]}
                  </option>
                ))}
              </select>
              {manage && (
                <button
                  type="button"
                  aria-label={`Remove ${m.name}`}
                  disabled={busy}
                  onClick={() => run(teamStore.setMember(m.name, null))}
                >
                  Remove
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {!hasLead(team) && me !== '' && (
        <button type="button" disabled={busy} onClick={() => run(teamStore.setMember(me, 'lead'))}>
          Make me lead ({me})
        </button>
      )}
      {manage ? (
        <div className="team-add" role="group" aria-label="Add a member">
          <label className="field">
            <span>New member</span>
            <input
              type="text"
              value={name}
              placeholder="annotator name"
              onChange={(e) => setName(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && newName !== '' && !taken) {
                  e.preventDefault();
                  run(teamStore.setMember(newName, role), () => setName(''));
                }
              }}
            />
          </label>
          <label className="field">
            <span>Role</span>
            <select value={role} onChange={(e) => setRole(e.target.value as TeamRole)}>
              {TEAM_ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_NAMES[r]}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            disabled={busy || newName === '' || taken}
            title={taken ? `${newName} is a member already` : undefined}
            onClick={() => run(teamStore.setMember(newName, role), () => setName(''))}
          >
            Add member
          </button>
        </div>
      ) : (
        <p className="hint">
          Only a lead changes the team{roleOf(team, me) === null ? `; you (${me}) are not a member` : ''}.
        </p>
      )}
    </section>
  );
}
