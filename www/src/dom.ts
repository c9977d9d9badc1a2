// A tiny element builder. Text always goes in through textContent (never innerHTML), so nothing in
// a bundle can inject markup into the page.

export type Child = Node | string | number | null | undefined | false | Child[];

export interface Props {
  class?: string;
  id?: string;
  title?: string;
  role?: string;
  href?: string;
  type?: string;
  tabindex?: number;
  hidden?: boolean;
  disabled?: boolean;
  value?: string;
  for?: string;
  colspan?: number;
  scope?: string;
  dataset?: Record<string, string>;
  aria?: Record<string, string>;
  on?: Partial<{ [K in keyof HTMLElementEventMap]: (e: HTMLElementEventMap[K]) => void }>;
  attrs?: Record<string, string>;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props?: Props | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props) {
    if (props.class) el.className = props.class;
    if (props.id) el.id = props.id;
    if (props.title) el.title = props.title;
    if (props.role) el.setAttribute('role', props.role);
    if (props.href !== undefined) el.setAttribute('href', props.href);
    if (props.type) el.setAttribute('type', props.type);
    if (props.tabindex !== undefined) el.tabIndex = props.tabindex;
    if (props.hidden) el.hidden = true;
    if (props.disabled) el.setAttribute('disabled', '');
    if (props.value !== undefined) (el as HTMLInputElement).value = props.value;
    if (props.for) el.setAttribute('for', props.for);
    if (props.colspan) el.setAttribute('colspan', String(props.colspan));
    if (props.scope) el.setAttribute('scope', props.scope);
    if (props.dataset) for (const [k, v] of Object.entries(props.dataset)) el.dataset[k] = v;
    if (props.aria) for (const [k, v] of Object.entries(props.aria)) el.setAttribute(`aria-${k}`, v);
    if (props.attrs) for (const [k, v] of Object.entries(props.attrs)) el.setAttribute(k, v);
    if (props.on) {
      for (const [k, fn] of Object.entries(props.on)) if (fn) el.addEventListener(k, fn as EventListener);
    }
  }
  append(el, children);
  return el;
}

export function append(el: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

export function $(sel: string, root: ParentNode = document): HTMLElement {
  const el = root.querySelector(sel);
  if (!(el instanceof HTMLElement)) throw new Error(`missing element ${sel}`);
  return el;
}

/** A table with a header row and body rows; rows may be clickable (Enter/Space too). */
export function table(head: Child[], rows: HTMLTableRowElement[], cls = 'grid'): HTMLTableElement {
  return h('table', { class: cls }, h('thead', null, h('tr', null, head.map((c) => h('th', { scope: 'col' }, c)))), h('tbody', null, rows));
}

export function row(cells: Child[], onActivate?: () => void, cls?: string): HTMLTableRowElement {
  const tr = h('tr', cls ? { class: cls } : null, cells.map((c) => h('td', null, c)));
  if (onActivate) {
    tr.classList.add('clickable');
    tr.tabIndex = 0;
    tr.addEventListener('click', (e) => {
      if ((e.target as HTMLElement).closest('a,button')) return;
      onActivate();
    });
    tr.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        onActivate();
      }
    });
  }
  return tr;
}

/** Trigger a download of `data` as a file (Blob URL, same origin). */
export function download(name: string, data: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = h('a', { href: url, attrs: { download: name } });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Make `zone` accept dropped files: highlighted while dragged over, `onFiles` with what was dropped. */
export function acceptDrops(zone: HTMLElement, onFiles: (files: File[]) => void): void {
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    const files = [...(e.dataTransfer?.files ?? [])];
    if (files.length) onFiles(files);
  });
}

/** Keep the page's Content-Security-Policy violations in `window.__cspViolations` (the e2e tests read it). */
export function recordCspViolations(): void {
  window.addEventListener('securitypolicyviolation', (e) => {
    const w = window as unknown as { __cspViolations?: string[] };
    (w.__cspViolations ??= []).push(`${e.violatedDirective} ${e.blockedURI}`);
  });
}
