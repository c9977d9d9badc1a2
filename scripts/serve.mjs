#!/usr/bin/env node
// A tiny static server for www/dist on 127.0.0.1 (Node only, no dependencies), sending the page's
// Content-Security-Policy as a header. Nothing here computes anything: the page verifies in the
// browser.
//
//   node scripts/serve.mjs [--port 8787] [--dir www/dist]
// PORT in the environment also sets the port; if it is taken the next free one is used.
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
};
const dir = resolve(root, opt('--dir', 'www/dist'));
let port = Number(opt('--port', process.env.PORT ?? '8787'));
const host = '127.0.0.1';

if (!existsSync(join(dir, 'index.html'))) {
  console.error(`serve: ${dir}/index.html not found; run: npm run build:www`);
  process.exit(1);
}

// The policy is the one the build wrote into index.html, so page and header never disagree.
const html = readFileSync(join(dir, 'index.html'), 'utf8');
const m = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/);
const csp = `${m ? m[1] : "default-src 'none'"}; frame-ancestors 'none'`;

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.qlb': 'application/x-ndjson; charset=utf-8',
  '.gz': 'application/gzip',
  '.txt': 'text/plain; charset=utf-8',
};

const server = createServer((req, res) => {
  const headers = {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
    'Cache-Control': 'no-cache',
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { ...headers, Allow: 'GET, HEAD' }).end();
    return;
  }
  let path;
  try {
    path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  } catch {
    res.writeHead(400, headers).end();
    return;
  }
  if (path.endsWith('/')) path += 'index.html';
  const file = normalize(join(dir, path));
  if (!(file === dir || file.startsWith(dir + sep)) || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
    return;
  }
  const st = statSync(file);
  res.writeHead(200, { ...headers, 'Content-Type': types[extname(file)] ?? 'application/octet-stream', 'Content-Length': st.size });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
});

server.on('error', (e) => {
  if (e.code === 'EADDRINUSE' && port < 65535) {
    port += 1;
    server.listen(port, host);
  } else {
    console.error(`serve: ${e.message}`);
    process.exit(1);
  }
});
server.on('listening', () => {
  const url = `http://${host}:${port}/`;
  console.log(`清廉 Qinglian: ${url}`);
  console.log(`serving ${dir} (Ctrl-C to stop)`);
});
server.listen(port, host);
for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => server.close(() => process.exit(0)));
