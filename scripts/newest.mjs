// When was something last changed: the newest modification time (ms) of a file, or of every file
// under a folder; 0 when absent. Shared by the builds and the benchmark to decide what is stale.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}
