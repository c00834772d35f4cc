import type { Outcome } from '../../../../shared/contract/errors';
import { AppError, toErrorPayload } from '../../../../shared/contract/errors';
import { storedPaths } from '../../../../shared/contract/file-access';
import { BRIDGE } from '../../../../shared/contract/transport';
import type { PathPolicy } from '../../access/path-policy';
import { writtenFiles, type FileGate } from '../files';
import { decodePart, HttpError, parseCallInput, readBody, requireJson, send, sendJson } from '../http-io';
import { JOB_ID, methodIs, type BridgeBackend, type Route } from '../routing';

type RpcDeps = { backend: BridgeBackend; policy: PathPolicy; files: FileGate; rpcLimit: number };

/**
 * The door to the contract: POST /rpc/<call> with the input as JSON. File paths are checked
 * against the policy before the backend sees the call; what a call wrote becomes downloadable,
 * and an upload whose rows are now stored in the workspace is removed.
 */
export function rpcRoute({ backend, policy, files, rpcLimit }: RpcDeps): Route {
  return {
    accept: ['header'],
    async handle(req, res, url) {
      methodIs(req, 'POST');
      requireJson(req);
      const name = decodePart(url.pathname.slice(BRIDGE.rpc.length), 'call name');
      const jobHeader = req.headers[BRIDGE.jobHeader];
      const jobId = typeof jobHeader === 'string' && JOB_ID.test(jobHeader) ? jobHeader : undefined;
      const body = await readBody(req, rpcLimit);
      const input = parseCallInput(body, name);
      // The body is in: an analysis may now take minutes without a byte on the socket.
      req.socket.setTimeout(0);
      try {
        policy.check(name, input);
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        sendJson(res, 200, { ok: false, error: toErrorPayload(e) } satisfies Outcome<never>);
        return;
      }
      const outcome = await backend.invoke(name, input, { jobId });
      if (outcome.ok) {
        for (const file of writtenFiles(name, outcome.value)) {
          files.allow(file);
          policy.recordWritten(file);
        }
        // Its rows are in the workspace now: a copy of a client's sales file should not linger in temp.
        for (const file of storedPaths(name, input)) files.discardUpload(file);
      }
      sendJson(res, 200, outcome);
    },
  };
}

/** POST /cancel/<job id>: asks the backend to stop a long call; answers at once. */
export function cancelRoute(backend: BridgeBackend): Route {
  return {
    accept: ['header'],
    handle(req, res, url) {
      methodIs(req, 'POST');
      const jobId = decodePart(url.pathname.slice(BRIDGE.cancel.length), 'job id');
      if (!JOB_ID.test(jobId)) throw new HttpError(400, 'INVALID_INPUT', 'A job id has 1-128 letters, digits, dots, colons, dashes or underscores.');
      backend.cancel(jobId);
      send(res, 204, '');
    },
  };
}
