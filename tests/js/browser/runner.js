// Runs one test file (?file=/tests/js/x.test.mjs) in this page and publishes the results on
// window.__qinglianTests for scripts/test-browser.mjs (and as text, for a person looking at the page).
import { describeError, run } from './node-test.js';

const file = new URLSearchParams(location.search).get('file');
let results;
try {
  if (!file) throw new Error('no ?file= given');
  await import(file);
  results = await run();
} catch (e) {
  results = [{ name: `load ${file}`, ok: false, ms: 0, error: describeError(e) }];
}
document.getElementById('out').textContent = results
  .map((r) => `${r.ok ? 'ok' : 'not ok'} - ${r.name}${r.error ? `\n${r.error}` : ''}`)
  .join('\n');
window.__qinglianTests = results;
