// Preloaded into a `hearth` process by cli-time-zone.spec.ts (NODE_OPTIONS=--require): its
// clock stands still at TIME_ZONE_CLOCK_AT, so "today" is a chosen instant and two runs in
// different zones record the same times. The CLI has no clock option to inject one.
const at = Date.parse(process.env.TIME_ZONE_CLOCK_AT ?? '');
if (!Number.isNaN(at)) {
  const RealDate = Date;
  globalThis.Date = class StoppedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(at);
      else super(...args);
    }
    static now() {
      return at;
    }
  };
}
