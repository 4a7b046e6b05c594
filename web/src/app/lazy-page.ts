import { type ComponentType, lazy } from 'react';

/** The loader behind each lazy page, so that the router can start loading the page of a deep link early. */
export const loaders = new Map<unknown, () => Promise<unknown>>();

/** React.lazy that remembers its loader, so that preloadCurrentRoute() can start it early. */
// biome-ignore lint/suspicious/noExplicitAny: the props of each page component
export function lazyPage<T extends ComponentType<any>>(load: () => Promise<{ default: T }>) {
  const component = lazy(load);
  loaders.set(component, load);
  return component;
}
