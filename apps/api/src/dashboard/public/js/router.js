// Routes live in the URL hash (#/clearance?year=2017&division=P01), so a view can be bookmarked
// and the back button goes back a level.

export const parseRoute = (hash) => {
  const [path, query = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { page: parts[0] ?? 'clearance', arg: parts[1] ?? null, params: Object.fromEntries(new URLSearchParams(query)) };
};

export const routeHash = (page, params = {}, arg = null) => {
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== ''));
  const path = arg === null ? `#/${page}` : `#/${page}/${encodeURIComponent(arg)}`;
  const qs = query.toString();
  return qs ? `${path}?${qs}` : path;
};

/** Opens a route; asked for the one already open (Show with the same inputs), draws it again, its figures fetched anew. */
export const go = (page, params, arg) => {
  const before = window.location.hash;
  window.location.hash = routeHash(page, params, arg);
  // The browser fires no hashchange for an unchanged hash, and a viewer clicking Show after a failed load means to retry it.
  if (window.location.hash === before) window.dispatchEvent(new HashChangeEvent('hashchange'));
};
