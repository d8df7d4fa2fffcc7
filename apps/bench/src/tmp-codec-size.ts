import { deflateRawSync, inflateRawSync, constants } from 'node:zlib';
import { serialize, deserialize } from 'node:v8';
import { householdDecider, snapshotOf } from '@hearth/domain';
import { householdEventCodec } from '@hearth/event-store';
import { openStore, householdStateCodec } from '@hearth/ledger';
const main = async () => {
  const store = await openStore('sqlite:' + process.argv[2]);
  const states: unknown[] = [];
  for (let i = 1; i <= 1000; i++) {
    const id = 'household-H' + String(i).padStart(7, '0');
    const rows = await store.readStream(id);
    if (rows.length === 0) continue;
    states.push(rows.reduce((s, r) => householdDecider.evolve(s, householdEventCodec.decode(r) as never, { eventId: r.eventId, occurredOn: r.metadata.occurredOn, commandId: r.metadata.commandId } as never), householdDecider.initialState));
  }
  for (let round = 0; round < 3; round++) {
    let t = process.hrtime.bigint();
    const bs = states.map((s) => householdStateCodec.encode(s as never));
    const enc = Number(process.hrtime.bigint() - t) / states.length / 1000;
    t = process.hrtime.bigint();
    for (const b of bs) householdStateCodec.decode(b);
    const dec = Number(process.hrtime.bigint() - t) / states.length / 1000;
    t = process.hrtime.bigint();
    const snaps = states.map((s) => snapshotOf(s as never));
    const snap = Number(process.hrtime.bigint() - t) / states.length / 1000;
    t = process.hrtime.bigint();
    const raw = snaps.map((s) => serialize(s));
    const ser = Number(process.hrtime.bigint() - t) / states.length / 1000;
    t = process.hrtime.bigint();
    for (const b of raw) deserialize(b);
    const deser = Number(process.hrtime.bigint() - t) / states.length / 1000;
    t = process.hrtime.bigint();
    const z = raw.map((b) => deflateRawSync(b, { level: 1, strategy: constants.Z_DEFAULT_STRATEGY }));
    const zt = Number(process.hrtime.bigint() - t) / states.length / 1000;
    t = process.hrtime.bigint();
    for (const b of z) inflateRawSync(b);
    const izt = Number(process.hrtime.bigint() - t) / states.length / 1000;
    const mean = (xs: { byteLength: number }[]) => xs.reduce((a, b) => a + b.byteLength, 0) / xs.length;
    console.log({ n: states.length, bytes: mean(bs), enc, dec, snap, ser, deser, zBytes: mean(z), zt, izt });
  }
};
void main();
