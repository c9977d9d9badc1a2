// Showing a record exactly as it stands in the bundle: the line the report points to. Reading only;
// nothing is parsed or checked here (the report already says whether the line verified).

let cached: { blob: Blob; text: Promise<string>; starts: Promise<Uint32Array> } | null = null;

function load(blob: Blob) {
  if (cached?.blob === blob) return cached;
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
  cached = { blob, text, starts };
  return cached;
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
