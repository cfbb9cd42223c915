import { useEffect, useState } from 'react';
import type { RemoteCredentials } from '../../../annotations/contract';
import type { ProjectStatus, WireConflictChoice } from '../../../annotations/project';
import { DialogShell } from '../dialogs/DialogShell';
import { useWorkspaceStore } from '../state/workspace-context';
import { ConflictCard } from './ConflictCard';
import { projectModel, useProject } from './project-state';
import { sinceText } from './sync-words';
import './sync.css';

interface CredentialFields {
  username: string;
  password: string;
  remember: boolean;
}

const noCredentials: CredentialFields = { username: '', password: '', remember: true };

function credentialsOf(fields: CredentialFields): RemoteCredentials | undefined {
  if (!fields.password) return undefined;
  return { ...(fields.username.trim() ? { username: fields.username.trim() } : {}), password: fields.password };
}

function CredentialInputs({
  fields,
  onChange,
  keychain,
  idPrefix,
}: {
  fields: CredentialFields;
  onChange: (fields: CredentialFields) => void;
  keychain: boolean;
  idPrefix: string;
}) {
  return (
    <div className="credential-inputs">
      <label className="field">
        <span>User name</span>
        <input
          type="text"
          autoComplete="username"
          value={fields.username}
          name={`${idPrefix}-user`}
          onChange={(e) => onChange({ ...fields, username: e.target.value })}
        />
      </label>
      <label className="field">
        <span>Password or access token</span>
        <input
          type="password"
          autoComplete="current-password"
          value={fields.password}
          name={`${idPrefix}-password`}
          onChange={(e) => onChange({ ...fields, password: e.target.value })}
        />
      </label>
      <label className="field checkbox">
        <input
          type="checkbox"
          checked={fields.remember}
          onChange={(e) => onChange({ ...fields, remember: e.target.checked })}
        />
        <span>{keychain ? 'Remember in the system keychain' : 'Remember until Factmark stops'}</span>
      </label>
      <p className="hint">
        Never saved in the store. A token works as the password (GitHub, GitLab: a personal access token with repository
        read and write); the user name may then stay empty.
      </p>
    </div>
  );
}

/** Publish this store, or clone a project in its place: for a store that is not shared yet. */
function StartProject({ status }: { status: ProjectStatus }) {
  const model = projectModel(useWorkspaceStore());
  const busy = useProject(model, (s) => s.busy);
  const [publishUrl, setPublishUrl] = useState('');
  const [publishCredentials, setPublishCredentials] = useState(noCredentials);
  const [cloneUrl, setCloneUrl] = useState('');
  const [folder, setFolder] = useState('');
  const [cloneCredentials, setCloneCredentials] = useState(noCredentials);
  return (
    <>
      <p>This store is not shared. Share it with your team through a git repository (GitHub, GitLab, Gitea, …):</p>
      <form
        className="project-form"
        aria-label="Publish this store"
        onSubmit={(e) => {
          e.preventDefault();
          void model.publish({
            url: publishUrl.trim(),
            credentials: credentialsOf(publishCredentials),
            remember: publishCredentials.remember,
          });
        }}
      >
        <h3>Publish this store</h3>
        <label className="field">
          <span>URL of an empty repository</span>
          <input
            type="text"
            inputMode="url"
            placeholder="https://github.com/team/project.git"
            value={publishUrl}
            onChange={(e) => setPublishUrl(e.target.value)}
          />
        </label>
        <CredentialInputs
          fields={publishCredentials}
          onChange={setPublishCredentials}
          keychain={status.keychain}
          idPrefix="publish"
        />
        <button type="submit" className="primary" disabled={busy !== null || !publishUrl.trim()}>
          {busy === 'publish' ? 'Publishing…' : 'Publish'}
        </button>
      </form>
      <form
        className="project-form"
        aria-label="Clone a project"
        onSubmit={(e) => {
          e.preventDefault();
          void model.clone({
            url: cloneUrl.trim(),
            ...(folder.trim() ? { storeDir: folder.trim() } : {}),
            credentials: credentialsOf(cloneCredentials),
            remember: cloneCredentials.remember,
          });
        }}
      >
        <h3>Join a project: clone it</h3>
        <label className="field">
          <span>URL of the project’s repository</span>
          <input
            type="text"
            inputMode="url"
            placeholder="https://gitlab.com/team/project.git"
            value={cloneUrl}
            onChange={(e) => setCloneUrl(e.target.value)}
          />
        </label>
        <label className="field">
          <span>New store folder (optional)</span>
          <input
            type="text"
            placeholder="beside this store, named after the repository"
            value={folder}
            onChange={(e) => setFolder(e.target.value)}
          />
        </label>
        <CredentialInputs
          fields={cloneCredentials}
          onChange={setCloneCredentials}
          keychain={status.keychain}
          idPrefix="clone"
        />
        <p className="hint">The clone opens in place of this store, which stays as it is on disk.</p>
        <button type="submit" className="primary" disabled={busy !== null || !cloneUrl.trim()}>
          {busy === 'clone' ? 'Cloning…' : 'Clone and open'}
        </button>
      </form>
    </>
  );
}

function Conflicts({ status }: { status: ProjectStatus }) {
  const model = projectModel(useWorkspaceStore());
  const busy = useProject(model, (s) => s.busy);
  const [choices, setChoices] = useState<Record<string, WireConflictChoice>>({});
  const open = status.conflicts.filter((c) => !choices[c.key]).length;
  return (
    <section className="conflicts" aria-label="Conflicts">
      <h3>
        {status.conflicts.length} conflict{status.conflicts.length === 1 ? '' : 's'} to resolve
      </h3>
      <p className="hint">
        You and a colleague changed the same thing. Nothing of the merge is in your store until you choose; your version
        is kept meanwhile.
      </p>
      {status.conflicts.map((view) => (
        <ConflictCard
          key={view.key}
          view={view}
          chosen={choices[view.key]}
          onChoose={(choice) => setChoices((c) => ({ ...c, [view.key]: choice }))}
        />
      ))}
      <div className="row">
        <button
          type="button"
          className="primary"
          disabled={busy !== null || open > 0}
          onClick={() => void model.sync({ choices })}
        >
          {busy === 'sync' ? 'Syncing…' : 'Apply the choices and sync'}
        </button>
        {open > 0 && <span className="hint">{open} left to choose</span>}
      </div>
    </section>
  );
}

function SharedProject({ status }: { status: ProjectStatus }) {
  const model = projectModel(useWorkspaceStore());
  const busy = useProject(model, (s) => s.busy);
  const [fields, setFields] = useState(noCredentials);
  const needCredentials = status.credentials === null || status.lastError?.code === 'auth-failed';
  const [askedForCredentials, setAskedForCredentials] = useState(false);
  const showCredentials = needCredentials || askedForCredentials;
  const kept = { keychain: 'in the system keychain', session: 'until Factmark stops' } as const;
  return (
    <>
      <dl className="project-facts">
        <dt>Project</dt>
        <dd>{status.remote}</dd>
        <dt>You sync as</dt>
        <dd>{status.author}</dd>
        <dt>Last sync</dt>
        <dd>{status.lastSync ? `${sinceText(status.lastSync.at)}: ${status.lastSync.message}` : 'not yet'}</dd>
        <dt>Credentials</dt>
        <dd>
          {status.credentials ? `kept ${kept[status.credentials]} ` : 'not kept '}
          {status.credentials && (
            <button type="button" className="plain" onClick={() => void model.forgetCredentials()}>
              Forget them
            </button>
          )}
        </dd>
      </dl>
      {status.lastError && (
        <p className="sync-error" role="alert">
          The last sync failed ({sinceText(status.lastError.at)}): {status.lastError.message} Your work is saved in your
          store.
        </p>
      )}
      {status.conflicts.length > 0 ? (
        <Conflicts key={status.conflicts.map((c) => c.key).join('\n')} status={status} />
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void model.sync(
              showCredentials && fields.password
                ? { credentials: credentialsOf(fields), remember: fields.remember }
                : {},
            );
          }}
        >
          {showCredentials ? (
            <CredentialInputs fields={fields} onChange={setFields} keychain={status.keychain} idPrefix="sync" />
          ) : (
            <button type="button" className="plain" onClick={() => setAskedForCredentials(true)}>
              Other credentials…
            </button>
          )}
          <div className="row">
            <button type="submit" className="primary" disabled={busy !== null}>
              {busy === 'sync' ? 'Syncing…' : 'Sync now'}
            </button>
          </div>
        </form>
      )}
    </>
  );
}

/** The team project: publish or clone, sync, credentials, and conflicts side by side. */
export function SyncDialog({ onClose }: { onClose: () => void }) {
  const model = projectModel(useWorkspaceStore());
  const status = useProject(model, (s) => s.status);
  const outcome = useProject(model, (s) => s.outcome);
  useEffect(() => {
    void model.refresh();
  }, [model]);
  return (
    <DialogShell label="Team project" className="sync-dialog" onClose={onClose} closeOnBackdrop={false}>
      <h2>Team project</h2>
      <p className="sync-outcome" aria-live="polite" data-testid="sync-outcome">
        {outcome?.message ?? ''}
      </p>
      {!status ? (
        <p className="hint">Reading the project…</p>
      ) : status.shared ? (
        <SharedProject status={status} />
      ) : (
        <StartProject status={status} />
      )}
      <div className="row">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </DialogShell>
  );
}
