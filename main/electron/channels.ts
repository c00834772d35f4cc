/**
 * IPC channel names shared by the shell and the preload. Calls use one channel per contract
 * entry (`rpc:<name>`), so an unknown name has no handler at all rather than a generic door.
 */
export const RPC_PREFIX = 'rpc:';
export const CHANNELS = {
  cancel: 'job:cancel',
  openFile: 'dialog:open-file',
  saveFile: 'dialog:save-file',
  printReportPdf: 'report:print-pdf',
  fileDropped: 'file:dropped',
  progress: 'event:progress',
  menu: 'event:menu',
} as const;
