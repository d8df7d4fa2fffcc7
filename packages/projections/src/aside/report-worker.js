// The entry of a report worker thread (docs/decisions/0112). A worker starts with a module
// system of its own, without the require hook the process was started with, so it loads
// the TypeScript sources through tsx's, as the hearth CLI does (docs/decisions/0002).
const { parentPort, workerData } = require('node:worker_threads');
require('tsx/cjs');
require('./serve-reports.ts').serveReports(parentPort, workerData);
