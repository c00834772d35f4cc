/** A file name for a new workspace from the client's name: readable, portable, never empty. */
export function workspaceFileName(clientName: string): string {
  const stem = clientName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${stem || 'client'}.longtail`;
}

/** Joins a backend folder and a file name with the folder's own separator (the server may run Windows). */
export function inFolder(folder: string, name: string): string {
  const separator = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  return folder.endsWith(separator) ? `${folder}${name}` : `${folder}${separator}${name}`;
}
