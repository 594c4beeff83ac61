// Preloaded into the gateway process by the fuzz suite (node --import). After every HTTP answer it
// compares the built-in prototypes with a snapshot taken when the first request arrives (after
// start-up, since some libraries add to String.prototype when they load: antlr4 under fhirpath.js)
// and prints one line to stderr naming what changed, so the suite can see a pollution inside the
// server from outside it.
/* global process */
import diagnostics from 'node:diagnostics_channel';

const WATCHED = {
  Object: Object.prototype,
  Array: Array.prototype,
  Function: Function.prototype,
  String: String.prototype,
};

function snapshot() {
  const result = new Map();
  for (const [name, proto] of Object.entries(WATCHED)) {
    for (const key of Reflect.ownKeys(proto)) {
      const descriptor = Object.getOwnPropertyDescriptor(proto, key);
      result.set(`${name}.prototype.${String(key)}`, descriptor.value ?? descriptor.get);
    }
  }
  return result;
}

let original;
let reported = false;

diagnostics.subscribe('http.server.request.start', () => {
  original ??= snapshot();
});

diagnostics.subscribe('http.server.response.finish', () => {
  if (reported || !original) return;
  const now = snapshot();
  const changed = [...now.keys()].filter((key) => !original.has(key) || original.get(key) !== now.get(key));
  for (const key of original.keys()) if (!now.has(key)) changed.push(key);
  if (changed.length === 0) return;
  reported = true;
  process.stderr.write(`PROTOTYPE-SENTINEL: changed ${changed.join(', ')}\n`);
});
