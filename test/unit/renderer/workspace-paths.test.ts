import { describe, expect, it } from 'vitest';
import { inFolder, workspaceFileName } from '../../../renderer/src/features/workspaces/paths';

describe('where the browser saves a new workspace', () => {
  it('names the file after the client, in lower case with dashes and no accents', () => {
    expect(workspaceFileName('Café Ünal & Sons, Ltd.')).toBe('cafe-unal-sons-ltd.longtail');
  });

  it('still gives a file name when the client name has no letters or digits', () => {
    expect(workspaceFileName('  ***  ')).toBe('client.longtail');
  });

  it('puts the file in the server folder with that folder’s own separator', () => {
    expect(inFolder('/home/ana/.config/Longtail/workspaces', 'acme.longtail')).toBe('/home/ana/.config/Longtail/workspaces/acme.longtail');
    expect(inFolder('C:\\Users\\ana\\AppData\\Roaming\\Longtail\\workspaces', 'acme.longtail')).toBe('C:\\Users\\ana\\AppData\\Roaming\\Longtail\\workspaces\\acme.longtail');
    expect(inFolder('/srv/workspaces/', 'acme.longtail')).toBe('/srv/workspaces/acme.longtail');
  });
});
