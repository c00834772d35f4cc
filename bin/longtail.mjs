#!/usr/bin/env node
// The CLI runs straight from the TypeScript sources through tsx, so `npx longtail` works right
// after `npm install` with no build step and without Electron.
import { register } from 'tsx/esm/api';

register();
await import('../main/cli/index.ts');
