import type { Entity } from '../../../annotations/model';
import { ENTITY_TYPES } from '../../../annotations/constants';
import { useWorkspaceStore } from '../state/workspace-context';
import { CommitField } from './CommitField';

type EntityPatch = Partial<Pick<Entity, 'name' | 'type' | 'aliases' | 'externalId'>>;

const splitAliases = (text: string) => [
  ...new Set(
    text
      .split(',')
      .map((alias) => alias.trim())
      .filter(Boolean),
  ),
];

/** The entity's own fields, each saved on its own as one undo step. */
export function EntityFields({ entity }: { entity: Entity }) {
  const store = useWorkspaceStore();

  /** Saves the patch unless it changes nothing; answers whether it was saved. */
  const save = async (patch: EntityPatch): Promise<boolean> => {
    const changes = Object.entries(patch).some(
      ([field, value]) => JSON.stringify(entity[field as keyof EntityPatch]) !== JSON.stringify(value),
    );
    if (!changes) return false;
    if (patch.name === '') {
      store.notify({ tone: 'error', text: 'An entity needs a name.' });
      return false;
    }
    return (await store.mutate('entities/update', { id: entity.id, ...patch })) !== null;
  };

  return (
    <div className="record-fields">
      <CommitField label="Canonical name" value={entity.name} onCommit={(name) => save({ name: name.trim() })} />
      <label className="field">
        <span>Type</span>
        <select value={entity.type} onChange={(e) => void save({ type: e.target.value as Entity['type'] })}>
          {ENTITY_TYPES.map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </select>
      </label>
      <CommitField
        label="Aliases (comma-separated)"
        value={entity.aliases.join(', ')}
        placeholder="Other names the texts use"
        onCommit={(text) => save({ aliases: splitAliases(text) })}
      />
      <CommitField
        label="External id (e.g. Wikidata QID)"
        value={entity.externalId ?? ''}
        onCommit={(text) => save({ externalId: text.trim() || null })}
      />
    </div>
  );
}
