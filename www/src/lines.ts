// Showing a record exactly as it stands in the bundle: the line the report points to. Reading only;
// nothing is parsed or checked here (the report already says whether the line verified).

type Loaded = { blob: Blob; text: Promise<string>; starts: Promise<Uint32Array> };
/** The last few inputs read (a main bundle and its segments). */
const cache: Loaded[] = [];

function load(blob: Blob): Loaded {
  const hit = cache.find((c) => c.blob === blob);
  if (hit) return hit;
  const text = (async () => {
    const head = new Uint8Array(await blob.slice(0, 2).arrayBuffer());
    const gz = head[0] === 0x1f && head[1] === 0x8b;
    const stream = gz ? blob.stream().pipeThrough(new DecompressionStream('gzip')) : blob.stream();
    return new Response(stream).text();
  })();
  const starts = text.then((s) => {
    const out: number[] = [0];
    for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) out.push(i + 1);
    return Uint32Array.from(out);
  });
  const c = { blob, text, starts };
  cache.unshift(c);
  cache.length = Math.min(cache.length, 4);
  return c;
}

/** Line `n` (1-based) of the bundle, decompressed; null when out of range or unreadable. */
export async function bundleLine(blob: Blob, n: number): Promise<string | null> {
  try {
    const c = load(blob);
    const [text, starts] = await Promise.all([c.text, c.starts]);
    if (n < 1 || n > starts.length) return null;
    const a = starts[n - 1]!;
    const b = n < starts.length ? starts[n]! - 1 : text.length;
    return text.slice(a, b);
  } catch {
    return null;
  }
}

/** Pretty-print a JSON line for reading (display only; the verified bytes are the line itself). */
export function pretty(line: string): string {
  try {
    return JSON.stringify(JSON.parse(line), null, 2);
  } catch {
    return line;
  }
}

/**
 * Line `n` of the inputs verified together: the report's bundle.inputs say where each input starts
 * (global line numbers); with one input this is bundleLine of the bundle.
 */
export async function inputLine(inputs: { blob: Blob }[], starts: number[] | null, n: number): Promise<string | null> {
  if (!inputs.length) return null;
  if (!starts || inputs.length === 1) return bundleLine(inputs[0]!.blob, n);
  let k = 0;
  for (let i = 0; i < starts.length && i < inputs.length; i++) if (starts[i]! <= n) k = i;
  return bundleLine(inputs[k]!.blob, n - starts[k]! + 1);
}
