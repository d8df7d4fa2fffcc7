#!/usr/bin/env node
// `npm start`: the TypeScript sources run as they are (no build step:
// docs/decisions/0002-no-build-step.md), compiled on require by SWC rather than tsx
// because NestJS needs decorator metadata (docs/decisions/0030-service-runs-through-swc.md).
require('./register-swc');
require('../src/main.ts').runFromProcess();
