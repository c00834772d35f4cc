import fs from 'node:fs';
import path from 'node:path';
import type { Outcome } from '../../../../shared/contract/errors';
import { SECURITY_HEADERS } from '../csp';
import type { FileGate } from '../files';
import { HttpError, sendJson } from '../http-io';
import { methodIs, type Route } from '../routing';
import { contentType } from '../static-files';

/** POST /upload?name=: the page's file lands in the session's scratch folder; the answer is its path for the next call. */
export function uploadRoute(files: FileGate, uploadLimit: number): Route {
  return {
    accept: ['header'],
    async handle(req, res, url) {
      methodIs(req, 'POST');
      const file = await files.receive(req, url.searchParams.get('name'), uploadLimit);
      sendJson(res, 200, { ok: true, value: { path: file } } satisfies Outcome<{ path: string }>);
    },
  };
}

/** POST /export-target?name=: a fresh path in the scratch folder for an export to write to. */
export function exportTargetRoute(files: FileGate): Route {
  return {
    accept: ['header'],
    handle(req, res, url) {
      methodIs(req, 'POST');
      req.resume();
      const name = url.searchParams.get('name');
      if (!name) throw new HttpError(400, 'INVALID_INPUT', 'Say which file name the export gets with ?name=.');
      sendJson(res, 200, { ok: true, value: { path: files.exportTarget(name) } } satisfies Outcome<{ path: string }>);
    },
  };
}

/** GET /download?path=: a file this session uploaded or wrote, as an attachment; nothing else. */
export function downloadRoute(files: FileGate): Route {
  return {
    accept: ['header', 'query'],
    handle(req, res, url) {
      methodIs(req, 'GET');
      const file = files.resolveDownload(url.searchParams.get('path'));
      const name = path.basename(file);
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'content-type': contentType(file),
        'content-length': String(fs.statSync(file).size),
        'content-disposition': `attachment; filename="${name.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
        'cache-control': 'no-store',
      });
      fs.createReadStream(file).pipe(res);
    },
  };
}
