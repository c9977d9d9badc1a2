// Helpers to inline scripts, styles and the WebAssembly module into one HTML file that works from
// file:// with a strict Content-Security-Policy (hashes of the inline script and style, no network).
// Used by scripts/build-offline.mjs (the minimal verifier) and scripts/build-www.mjs (the full page).
import { createHash } from 'node:crypto';

/** base64 SHA-256 of `text` as UTF-8: the CSP hash source of an inline <script> or <style>. */
export function sha256b64(text) {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}

/** Script text safe inside <script>…</script> ("</script" cannot end it early). */
export function safeScript(js) {
  return js.replace(/<\/script/gi, '<\\/script');
}

/** A data block (not executed, so outside script-src) holding bytes as base64. */
export function dataBlock(id, bytes) {
  return `<script type="application/octet-stream" id="${id}">${Buffer.from(bytes).toString('base64')}</script>`;
}

/** CSP for a single offline file: only the given inline script and style, wasm compilation, no fetches. */
export function offlineCsp({ scriptHash, styleHash, workers = false }) {
  return [
    "default-src 'none'",
    `script-src 'sha256-${scriptHash}' 'wasm-unsafe-eval'`,
    workers ? 'worker-src blob:' : null,
    "connect-src 'none'",
    'img-src data:',
    `style-src 'sha256-${styleHash}'`,
    "font-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ]
    .filter(Boolean)
    .join('; ');
}
