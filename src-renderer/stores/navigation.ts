/**
 * Which view is showing and what is open in it, kept in the URL hash (`#/flows/<id>`,
 * `#/outbox/<id>`, `#/calls/<seq>`, `#/admin`, `#/mock-idp/<kind>`) so reloads and links land in
 * the same place.
 */
import { acceptHMRUpdate, defineStore } from 'pinia';
import { ref } from 'vue';

export type ViewName = 'flows' | 'calls' | 'outbox' | 'tokens' | 'admin' | 'mock-idp' | 'people' | 'compare' | 'dashboard' | 'breakpoints' | 'faults';
/** `compare`: `#/compare/<flow a>/<flow b>` (no tab of its own: opened from the flows). */
const VIEWS: ViewName[] = ['flows', 'calls', 'outbox', 'tokens', 'admin', 'mock-idp', 'people', 'compare', 'dashboard', 'breakpoints', 'faults'];

export interface Route {
  view: ViewName;
  /** The flow id, message id or call seq open in the view. */
  item: string | null;
  /** A tab inside the open item (the flow detail's `tokens`, ...). */
  tab: string | null;
}

function parse(hash: string): Route {
  const [view, item, tab] = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  return { view: VIEWS.includes(view as ViewName) ? (view as ViewName) : 'flows', item: item || null, tab: tab || null };
}

function format(route: Route): string {
  return '#/' + [route.view, route.item, route.item && route.tab].filter(Boolean).map((part) => encodeURIComponent(part!)).join('/');
}

export const useNavigationStore = defineStore('navigation', () => {
  const route = ref<Route>(parse(location.hash));
  /** Where each view was last left, so switching views and back returns there. */
  const lastRoutes = new Map<ViewName, Route>([[route.value.view, route.value]]);

  window.addEventListener('hashchange', () => {
    route.value = parse(location.hash);
    lastRoutes.set(route.value.view, route.value);
  });

  function go(view: ViewName, item: string | null = null, tab: string | null = null): void {
    const next = format({ view, item, tab });
    if (location.hash !== next) history.pushState(null, '', next);
    route.value = { view, item, tab };
    lastRoutes.set(view, route.value);
  }

  /** Switches to a view as it was last left. */
  function show(view: ViewName): void {
    const last = lastRoutes.get(view);
    go(view, last?.item ?? null, last?.tab ?? null);
  }

  function openTab(tab: string | null): void {
    go(route.value.view, route.value.item, tab);
  }

  return { route, go, show, openTab };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useNavigationStore, import.meta.hot));
