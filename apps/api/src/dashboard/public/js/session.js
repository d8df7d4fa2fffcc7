// The viewer's bearer token lives in sessionStorage: it goes when the tab closes.
const KEY = 'hearth.token';

export const token = () => sessionStorage.getItem(KEY);
export const signIn = (value) => sessionStorage.setItem(KEY, value);
export const signOut = () => sessionStorage.removeItem(KEY);
