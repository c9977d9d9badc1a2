// A minimal stand-in for `node:test` in the browser, enough for tests/js/*.test.mjs:
// test(name, [options], fn), it (alias), describe(name, fn), and options.skip / options.todo.
// The test context `t` offers t.name and t.diagnostic(message). Tests run in registration order,
// one at a time, when the harness calls run().

const registered = [];
const prefix = [];

export function test(name, options, fn) {
  if (typeof options === 'function') [options, fn] = [{}, options];
  registered.push({ name: [...prefix, name].join(' > '), options: options ?? {}, fn });
}
export const it = test;

export function describe(name, fn) {
  prefix.push(name);
  try {
    fn();
  } finally {
    prefix.pop();
  }
}

/** Run every registered test. Returns [{ name, ok, skipped, ms, error? }]. */
export async function run() {
  const results = [];
  for (const { name, options, fn } of registered) {
    if (options.skip || options.todo) {
      results.push({ name, ok: true, skipped: true, ms: 0 });
      continue;
    }
    const t0 = performance.now();
    const diagnostics = [];
    const ctx = { name, diagnostic: (m) => diagnostics.push(String(m)) };
    try {
      await fn(ctx);
      results.push({ name, ok: true, ms: performance.now() - t0, diagnostics });
    } catch (e) {
      const error = describeError(e);
      results.push({ name, ok: false, ms: performance.now() - t0, error, diagnostics });
    }
  }
  return results;
}

/** "Name: message" plus the stack (which in V8 already starts with that line). */
export function describeError(e) {
  if (!(e instanceof Error)) return String(e);
  const head = `${e.name}: ${e.message}`;
  const stack = e.stack ?? '';
  return stack.startsWith(head) ? stack : `${head}\n${stack}`;
}
