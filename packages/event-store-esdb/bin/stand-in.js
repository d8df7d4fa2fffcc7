#!/usr/bin/env node
// Runs the TypeScript sources through tsx's require hook, like the hearth CLI
// (docs/decisions/0002-no-build-step.md).
require('tsx/cjs');
require('../src/testing/stand-in-main.ts').runStandInFromProcess();
