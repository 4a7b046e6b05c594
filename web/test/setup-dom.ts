/**
 * What antd needs from a browser that jsdom lacks (web unit tests only: `// @vitest-environment jsdom` files).
 * matchMedia answers "desktop" unless a test sets `window.innerWidth` below a breakpoint before rendering.
 */
if (typeof window !== 'undefined') {
  window.matchMedia ??= (query: string) => {
    const min = /min-width:\s*(\d+)px/.exec(query);
    const max = /max-width:\s*(\d+)px/.exec(query);
    const w = window.innerWidth;
    const matches = (!min || w >= Number(min[1])) && (!max || w <= Number(max[1]));
    return {
      matches,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    } as MediaQueryList;
  };
  // antd measures scrollbars and text areas through getComputedStyle with a pseudo element
  const original = window.getComputedStyle;
  window.getComputedStyle = (elt: Element) => original(elt);
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
}
