/**
 * A port where nothing listens, for the tests of a server out of reach: 1 (tcpmux), which no
 * test binds. A port a stand-in freed a moment ago is no such port: in a CI run of 2026-12-05
 * another suite's stand-in, started in parallel, was given it, and a store opened there.
 */
export const NO_LISTENER_PORT = 1;
