/**
 * Loaded with `--import` into a gateway process by the IIN look-up test: msw answers for the
 * national register at `http://register.test/fhir` with the faults `REGISTER_FAULTS` lists, one
 * per call, in order (`503`, `timeout`, `drop`), since a real register we cannot make fail on cue. Plain JavaScript:
 * the process's worker threads load it too, without tsx; only the main thread listens.
 */
import process from 'node:process';
import { isMainThread } from 'node:worker_threads';
import { http, HttpResponse, delay } from 'msw';
import { setupServer } from 'msw/node';

if (isMainThread) {
  const faults = (process.env.REGISTER_FAULTS ?? '').split(',');
  const server = setupServer(
    http.get(/^http:\/\/register\.test\/fhir\/Patient/, async () => {
      const fault = faults.shift();
      if (fault === 'timeout') await delay('infinite');
      if (fault === 'drop') return HttpResponse.error();
      return HttpResponse.json(
        { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'transient' }] },
        { status: 503 },
      );
    }),
  );
  server.listen({ onUnhandledRequest: 'bypass' });
}
