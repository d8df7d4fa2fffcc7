/**
 * A store URL as it may be printed: the user and password of `scheme://user:pass@host`
 * (and a `password=` query value) replaced by `***`. Every message that names a store URL
 * (errors, logs, help, the API's start-up lines) goes through this one function.
 * URLs without credentials (`sqlite:PATH`, `memory:`) come back unchanged.
 */
export const maskStoreUrl = (url: string): string =>
  url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1***@').replace(/([?&](?:password|pass|pwd)=)[^&#]*/gi, '$1***');
