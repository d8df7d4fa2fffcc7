// Exports need the bearer token, which a plain link cannot send: fetch the file, then hand
// the browser a same-origin blob to save under the server's file name.
import { request } from './api.js';

export const download = async (path, params) => {
  const response = await request(path, params);
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? path.split('/').pop();
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
};
