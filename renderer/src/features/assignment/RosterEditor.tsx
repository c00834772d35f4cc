import { useState } from 'react';
import { MAX_CAPACITY, type RepKind, type RosterRep } from '../../../../shared/contract/assignment';
import { spellingKey } from '../../../../shared/analytics/products/level';
import { call } from '../../api/client';
import { pickDataFile } from '../../api/files';
import { ErrorNotice, Panel } from '../../components/Feedback';

type Draft = { name: string; kind: RepKind; territory: string; capacity: string; active: boolean; dataAccounts: number };

const toDraft = (r: RosterRep): Draft => ({
  name: r.name,
  kind: r.kind,
  territory: r.territory ?? '',
  capacity: r.capacity === null ? '' : String(r.capacity),
  active: r.active,
  dataAccounts: r.dataAccounts,
});

/** What a save or an import did, in words, and what the file had that was not read. */
export type RosterNote = { text: string; warnings: string[] };

/** The contract's bound, checked here: past it the save had failed as "reps.2.capacity: Too big", naming no rep. */
const capacityProblem = (text: string): string | null => {
  const t = text.trim();
  if (t === '') return null;
  if (!/^\d+$/.test(t)) return `"${text}" is not a whole number of accounts of 0 or more`;
  return Number(t) > MAX_CAPACITY ? `${Number(t).toLocaleString('en-US')} is more than ${MAX_CAPACITY.toLocaleString('en-US')} accounts, the most a rep can be given` : null;
};

/**
 * The roster: kind, territory and capacity per rep. Reps come from the data and from roster files;
 * a new one can be added by name. Changes are saved together so a half-edited roster never plans.
 * Drafts start from `roster`: the parent gives a new key when the saved roster changes, so the
 * note on what a save or import did is the parent's to keep (held here, it went with the remount).
 */
export function RosterEditor({ roster, onSaved, note = null }: { roster: RosterRep[]; onSaved: (reps: RosterRep[], note: RosterNote) => void; note?: RosterNote | null }) {
  const [drafts, setDrafts] = useState<Draft[]>(() => roster.map(toDraft));
  const [newName, setNewName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const update = (i: number, patch: Partial<Draft>) => setDrafts((d) => d.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const problems = drafts.map((d) => capacityProblem(d.capacity));
  const dirty = JSON.stringify(drafts) !== JSON.stringify(roster.map(toDraft));

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const reps = await call('roster-save', {
        reps: drafts.map((d) => ({
          name: d.name,
          kind: d.kind,
          territory: d.territory.trim() === '' ? null : d.territory.trim(),
          capacity: d.capacity.trim() === '' ? null : Number(d.capacity),
          active: d.active,
        })),
      });
      onSaved(reps, { text: 'Roster saved.', warnings: [] });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const importFile = async () => {
    setError(null);
    try {
      const file = await pickDataFile('Import a rep roster');
      if (!file) return;
      setBusy(true);
      const result = await call('roster-import', { path: file.path });
      onSaved(result.reps, { text: `${file.name}: ${result.read} rep${result.read === 1 ? '' : 's'} read, ${result.created} new, ${result.updated} updated.`, warnings: result.warnings });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const [addProblem, setAddProblem] = useState<string | null>(null);
  const add = () => {
    const name = newName.trim();
    if (!name) return;
    // Names are matched whatever their case and spacing (as the data's are): "ann lee" is Ann Lee.
    const same = drafts.find((d) => spellingKey(d.name) === spellingKey(name));
    if (same) {
      setAddProblem(`${same.name} is already on the roster (names are matched whatever their case and spacing): edit that row instead.`);
      return;
    }
    setAddProblem(null);
    setDrafts((d) => [...d, { name, kind: 'outside', territory: '', capacity: '', active: true, dataAccounts: 0 }]);
    setNewName('');
  };
  const invalid = drafts.flatMap((d, i) => (problems[i] ? [`Capacity of ${d.name}: ${problems[i]}`] : []));

  return (
    <Panel
      title="Rep roster"
      actions={
        <div className="panel-actions">
          <button type="button" onClick={() => void importFile()} disabled={busy} data-testid="roster-import">
            Import roster…
          </button>
          <button type="button" className="primary" onClick={() => void save()} disabled={busy || !dirty || problems.some(Boolean)} data-testid="roster-save">
            Save roster
          </button>
        </div>
      }
    >
      <p className="muted">Outside reps take the valuable long-tail accounts of their territory up to capacity; inside reps take the rest. Empty capacity uses the plan's default.</p>
      <ErrorNotice error={error} onDismiss={() => setError(null)} />
      {note && (
        <div role="status" data-testid="roster-note">
          <p>{note.text}</p>
          {note.warnings.length > 0 && (
            <ul className="reasons warnings" data-testid="roster-warnings">
              {note.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <table className="roster" aria-label="Rep roster" data-testid="roster-table">
        <thead>
          <tr>
            <th scope="col">Rep</th>
            <th scope="col">Kind</th>
            <th scope="col">Territory</th>
            <th scope="col">Capacity (accounts)</th>
            <th scope="col">Active</th>
            <th scope="col">Accounts in the data</th>
          </tr>
        </thead>
        <tbody>
          {drafts.map((d, i) => (
            <tr key={d.name}>
              <th scope="row">{d.name}</th>
              <td>
                <select aria-label={`Kind of ${d.name}`} value={d.kind} onChange={(e) => update(i, { kind: e.target.value as RepKind })}>
                  <option value="outside">outside</option>
                  <option value="inside">inside</option>
                  <option value="unknown">not set</option>
                </select>
              </td>
              <td>
                <input aria-label={`Territory of ${d.name}`} value={d.territory} onChange={(e) => update(i, { territory: e.target.value })} />
              </td>
              <td>
                <input
                  aria-label={`Capacity of ${d.name}`}
                  inputMode="numeric"
                  value={d.capacity}
                  aria-invalid={problems[i] ? true : undefined}
                  title={problems[i] ?? undefined}
                  onChange={(e) => update(i, { capacity: e.target.value })}
                />
              </td>
              <td>
                <input type="checkbox" aria-label={`${d.name} is active`} checked={d.active} onChange={(e) => update(i, { active: e.target.checked })} />
              </td>
              <td className="num">{d.dataAccounts}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {drafts.length === 0 && <p className="muted">No reps yet: import a roster, or data with a rep column.</p>}
      {invalid.length > 0 && (
        <ul className="reasons warnings" role="alert" data-testid="roster-problems">
          {invalid.map((text) => (
            <li key={text}>{text}. Save waits until it is one (or left empty for the plan's default).</li>
          ))}
        </ul>
      )}
      <div className="row roster-add">
        <div className="field">
          <label htmlFor="roster-new">Add a rep</label>
          <input id="roster-new" value={newName} onChange={(e) => setNewName(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && add()} />
        </div>
        <button type="button" onClick={add} disabled={!newName.trim()}>
          Add
        </button>
      </div>
      {addProblem && (
        <p className="muted" role="alert" data-testid="roster-add-problem">
          {addProblem}
        </p>
      )}
    </Panel>
  );
}
