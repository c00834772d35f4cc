import { useState } from 'react';
import type { WorkspaceListing } from '../../../../shared/contract';
import { call } from '../../api/client';
import { useNavigation, useWorkspace } from '../../app/workbench';
import { ErrorNotice, Panel } from '../../components/Feedback';
import { inFolder, workspaceFileName } from './paths';

const WORKSPACE_FILTERS = [{ name: 'Longtail workspace', extensions: ['longtail'] }];

/**
 * Create or open by path: native dialogs in Electron; behind the browser bridge, which has no
 * dialogs, a new workspace goes to the default folder unless the user types a path.
 */
export function OpenOrCreate({ folder, onOpenFailed }: { folder: WorkspaceListing | null; onOpenFailed: () => void }) {
  const { go } = useNavigation();
  const { setWorkspace } = useWorkspace();
  const [clientName, setClientName] = useState('');
  const [currency, setCurrency] = useState('');
  const [createPath, setCreatePath] = useState('');
  const [openPath, setOpenPath] = useState('');
  const [error, setError] = useState<unknown>(null);
  const electron = Boolean(globalThis.api);

  const run = async (action: () => Promise<void>) => {
    try {
      await action();
      setError(null);
    } catch (e) {
      setError(e);
    }
  };

  const create = () =>
    run(async () => {
      let path = createPath.trim();
      if (!path && globalThis.api) {
        path = (await globalThis.api.saveFile({ title: 'New workspace', defaultName: workspaceFileName(clientName), filters: WORKSPACE_FILTERS })) ?? '';
        if (!path) return;
      }
      if (!path && folder) path = inFolder(folder.folder, workspaceFileName(clientName));
      const info = await call('workspace-create', { path, clientName: clientName.trim(), ...(currency.trim() ? { currency: currency.trim().toUpperCase() } : {}) });
      setWorkspace(info);
      go('import');
    });

  const open = () =>
    run(async () => {
      let path = openPath.trim();
      if (!path && globalThis.api) {
        path = (await globalThis.api.openFile({ title: 'Open workspace', filters: WORKSPACE_FILTERS })) ?? '';
        if (!path) return;
      }
      try {
        setWorkspace(await call('workspace-open', { path }));
      } catch (e) {
        onOpenFailed();
        throw e;
      }
    });

  return (
    <div className="grid-2">
      <Panel title="New workspace">
        <form
          className="controls"
          onSubmit={(e) => {
            e.preventDefault();
            void create();
          }}
        >
          <div className="field">
            <label htmlFor="new-client">Client name</label>
            <input id="new-client" required value={clientName} onChange={(e) => setClientName(e.target.value)} maxLength={200} />
          </div>
          <div className="field">
            <label htmlFor="new-currency">Currency</label>
            <input id="new-currency" value={currency} onChange={(e) => setCurrency(e.target.value)} maxLength={3} pattern="[A-Za-z]{3}" placeholder="from the data" title="Three-letter ISO code, e.g. USD, EUR; leave empty to read it from the first import" />
          </div>
          <div className="field" style={{ gridColumn: '1 / -1' }}>
            <label htmlFor="new-path">{electron ? 'File (leave empty to choose)' : 'File (leave empty for the workspaces folder)'}</label>
            <input
              id="new-path"
              value={createPath}
              onChange={(e) => setCreatePath(e.target.value)}
              placeholder={folder ? inFolder(folder.folder, workspaceFileName(clientName)) : '/home/me/clients/acme.longtail'}
              required={!electron && !folder}
            />
          </div>
          <div>
            <button type="submit" className="primary" disabled={!clientName.trim()}>
              Create workspace
            </button>
          </div>
        </form>
      </Panel>
      <Panel title="Open workspace">
        <form
          className="controls"
          onSubmit={(e) => {
            e.preventDefault();
            void open();
          }}
        >
          <div className="field" style={{ gridColumn: '1 / -1' }}>
            <label htmlFor="open-path">{electron ? 'File (leave empty to choose)' : 'Workspace file path'}</label>
            <input id="open-path" value={openPath} onChange={(e) => setOpenPath(e.target.value)} placeholder="/home/me/clients/acme.longtail" required={!electron} />
          </div>
          <div>
            <button type="submit">Open…</button>
          </div>
        </form>
      </Panel>
      <ErrorNotice error={error} onDismiss={() => setError(null)} />
    </div>
  );
}
