type Child = Node | string | null | undefined | false;
type AttrValue = string | number | boolean | null | undefined;
type Handlers = { [K in keyof HTMLElementEventMap as `on${K}`]?: (event: HTMLElementEventMap[K]) => void };
export type Attrs = Handlers & { [name: string]: AttrValue | ((event: never) => void) };

/**
 * Creates an element. `onclick`-style keys add listeners; `true` sets an empty attribute;
 * `false`, `null` and `undefined` leave it out. Text goes in as text nodes, never as HTML.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (typeof value === 'function') {
      el.addEventListener(name.slice(2), value as EventListener);
    } else if (value === true) {
      el.setAttribute(name, '');
    } else if (value !== false && value !== null && value !== undefined) {
      el.setAttribute(name, String(value));
    }
  }
  append(el, ...children);
  return el;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

/** A screen: its root element, and how to bring it up to date without rebuilding it. */
export interface View<S> {
  readonly el: HTMLElement;
  update(state: S): void;
}
