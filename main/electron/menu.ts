import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand, RecentWorkspace } from '../../shared/contract';

export type MenuContext = {
  send: (command: MenuCommand, arg?: string) => void;
  recent: Pick<RecentWorkspace, 'path' | 'clientName' | 'exists'>[];
  isMac: boolean;
  openHelp: () => void;
};

/** The native menu as a template: menu items only tell the renderer what the user asked for. */
export function menuTemplate({ send, recent, isMac, openHelp }: MenuContext): MenuItemConstructorOptions[] {
  const openRecent: MenuItemConstructorOptions[] = recent.filter((r) => r.exists).length
    ? recent
        .filter((r) => r.exists)
        .slice(0, 10)
        .map((r) => ({ label: `${r.clientName} — ${r.path}`, click: () => send('open-recent', r.path) }))
    : [{ label: 'No recent workspaces', enabled: false }];

  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'New Workspace…', accelerator: 'CmdOrCtrl+N', click: () => send('workspace-new') },
      { label: 'Open Workspace…', accelerator: 'CmdOrCtrl+O', click: () => send('workspace-open') },
      { label: 'Open Recent', submenu: openRecent },
      { type: 'separator' },
      { label: 'Import Data…', accelerator: 'CmdOrCtrl+I', click: () => send('import-data') },
      {
        label: 'Export',
        submenu: [
          { label: 'Assignment Plan…', accelerator: 'CmdOrCtrl+E', click: () => send('export-plan') },
          { label: 'Lists per Rep…', click: () => send('export-reps') },
        ],
      },
      { label: 'Report…', accelerator: 'CmdOrCtrl+P', click: () => send('report') },
      { type: 'separator' },
      isMac ? { role: 'close' } : { role: 'quit' },
    ],
  };

  return [
    ...(isMac ? [{ role: 'appMenu' } satisfies MenuItemConstructorOptions] : []),
    file,
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: 'Longtail Help', click: openHelp }] },
  ];
}
