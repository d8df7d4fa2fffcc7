#!/usr/bin/env node
// Runs the TypeScript sources through tsx's require hook, so `npx hearth` works right
// after `npm ci` with no build step (docs/decisions/0002-no-build-step.md).
require('tsx/cjs');
require('../src/main.ts').runFromProcess();
