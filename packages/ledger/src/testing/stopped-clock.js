// Preloaded (`node --require`, or NODE_OPTIONS) into a child process a test starts — `hearth`, the
// service — whose clock must stand still at STOPPED_CLOCK_AT: so that "today" is a chosen instant
// and runs in different zones (TZ) record the same times. Neither process has a clock option to
// inject one, and jest cannot change the zone of the process it runs in.
const at = Date.parse(process.env.STOPPED_CLOCK_AT ?? '');
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
