/**
 * The file a `sqlite:PATH` store URL names (`sqlite:///abs/path` names `/abs/path`;
 * `sqlite::memory:` names `:memory:`); undefined for any other store. The one reading of
 * the URL: the adapter opens this file, and the applications that look at it first (does
 * it exist, where do its neighbours go) look at the same one.
 */
export const sqliteStorePath = (url: string): string | undefined => {
  if (!url.startsWith('sqlite:')) return undefined;
  const rest = url.slice('sqlite:'.length);
  return rest.startsWith('//') ? rest.slice(2) : rest;
};
