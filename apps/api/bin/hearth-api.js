#!/usr/bin/env -S node --max-semi-space-size=64
// The same node flags as apps/cli/bin/hearth.js, their home (see there; held equal by
// apps/bench/src/young/node-flags.spec.ts).
// `npm start`: the TypeScript sources run as they are (no build step:
// docs/decisions/0002-no-build-step.md), compiled on require by SWC rather than tsx
// because NestJS needs decorator metadata (docs/decisions/0030-service-runs-through-swc.md).
require('./register-swc');
require('../src/main.ts').runFromProcess();
