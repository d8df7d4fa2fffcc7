// Preloaded into the service's own process by service-clock.spec.ts (--require): its clock
// stands still at SERVICE_CLOCK_AT, so the day the service names is a chosen instant's in the
// zone TZ gives that process (jest cannot change the zone of the process it runs in).
const at = Date.parse(process.env.SERVICE_CLOCK_AT ?? '');
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
