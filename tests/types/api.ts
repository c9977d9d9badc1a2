// Compile-only test of the public types (npm run build:types). Never executed.
import { canonicalize, version, QinglianError, type QinglianErrorCode } from 'qinglian';
import * as slim from 'qinglian/slim';

export const v: string = version();
export const c: string = canonicalize('{"a":1}');

export function codeOf(e: unknown): string | undefined {
  if (e instanceof QinglianError) {
    const code: string = e.code;
    const path: string | undefined = e.path;
    return path === undefined ? code : `${code} at ${path}`;
  }
  return undefined;
}

export const known: QinglianErrorCode = 'FLOAT_NUMBER';

export async function load(bytes: Uint8Array<ArrayBuffer>, url: URL, res: Response): Promise<string> {
  await slim.init(bytes);
  await slim.init(url);
  await slim.init('https://example.invalid/qinglian.wasm');
  await slim.init(res);
  await slim.init(Promise.resolve(res));
  await slim.init(await WebAssembly.compile(bytes));
  slim.initSync(bytes.buffer);
  return slim.canonicalize(slim.version());
}

// @ts-expect-error: canonicalize takes JSON text, not a value
canonicalize({ a: 1 });
