// Hash routes (#/view/arg?filters): they work from file:// as well as over http.

export interface Route {
  view: string;
  arg: string;
  params: URLSearchParams;
}

export function currentRoute(): Route {
  const hash = location.hash.startsWith('#/') ? location.hash.slice(2) : 'overview';
  const [path = '', query = ''] = hash.split('?');
  const [view = 'overview', ...rest] = path.split('/');
  return { view: view || 'overview', arg: decodeURIComponent(rest.join('/')), params: new URLSearchParams(query) };
}

export function navigate(view: string, arg?: string, params?: Record<string, string>): void {
  const q = params ? new URLSearchParams(Object.entries(params).filter(([, v]) => v)).toString() : '';
  location.hash = `#/${view}${arg ? `/${encodeURIComponent(arg)}` : ''}${q ? `?${q}` : ''}`;
}

/** Replace the query of the current route without adding history entries (filters). */
export function setParams(params: Record<string, string>): void {
  const r = currentRoute();
  const q = new URLSearchParams(Object.entries(params).filter(([, v]) => v)).toString();
  history.replaceState(null, '', `#/${r.view}${r.arg ? `/${encodeURIComponent(r.arg)}` : ''}${q ? `?${q}` : ''}`);
}

