#!/usr/bin/env -S node --max-semi-space-size=64
// The shebang is the one home of the node flags Hearth's processes run with: a young
// generation of 64 MiB semi-spaces (V8's default on Node 20 is 16), so a page of decoded
// events dies young instead of being promoted and marked; measured in
// docs/performance/young-generation.md, decided in docs/decisions/0092-a-larger-young-generation.md.
// apps/api/bin/hearth-api.js carries the same flags (apps/bench/src/young/node-flags.spec.ts
// holds them equal) and apps/bench starts its processes with the flags read from here.
// `env -S` (GNU coreutils 8.30+, macOS, FreeBSD) splits the line; no second node is spawned,
// so kill -9 and signals reach the process that holds the store.
// Runs the TypeScript sources through tsx's require hook, so `npx hearth` works right
// after `npm ci` with no build step (docs/decisions/0002-no-build-step.md).
require('tsx/cjs');
require('../src/main.ts').runFromProcess();
