import { Command } from 'commander';
import { anchorLog, publicKeyFingerprint, type LogAnchor } from '@hearth/projections';
import { ANCHOR_KEY_ENV, anchorSigningKey, writeAnchorFile } from '../anchor-files';
import { refuseOverDamagedLog } from '../damaged-log';
import { GlobalOptions, openLedger } from '../global-options';
import { emitJson, emitText, log } from '../output/emit';

/** What `--json` prints with `--out`, and what a person reads: the anchor without its heads. */
const summary = (anchor: LogAnchor, file?: string) => ({
  ...(file === undefined ? {} : { file }),
  madeAt: anchor.madeAt,
  headPosition: anchor.headPosition,
  streams: anchor.streams,
  events: anchor.events,
  merkleRoot: anchor.merkleRoot,
  digest: anchor.digest,
  signed: anchor.signature !== undefined,
  ...(anchor.signature ? { publicKeySha256: publicKeyFingerprint(anchor.signature.publicKey) } : {}),
});

const describe = (anchor: LogAnchor): string => {
  const s = summary(anchor);
  return [
    `  made at        ${s.madeAt}`,
    `  head position  ${s.headPosition}`,
    `  streams        ${s.streams}`,
    `  events         ${s.events}`,
    `  Merkle root    ${s.merkleRoot}`,
    `  digest         ${s.digest}`,
    `  signature      ${s.publicKeySha256 ? `Ed25519, public key SHA-256 ${s.publicKeySha256}` : `none (set ${ANCHOR_KEY_ENV} to sign)`}`,
  ].join('\n');
};

export const anchorCommand = (globals: () => GlobalOptions): Command =>
  new Command('anchor')
    .option('--out <file>', 'write the anchor to FILE (never over an existing file) instead of standard output')
    .description("a statement of the log's state now, to publish or keep outside the store; `hearth verify --anchor` checks the log still extends it")
    .addHelpText('after', `
The anchor records the log's head position, its numbers of streams and events, every
stream's last version and the hash of that event, and a Merkle root over those stream heads
(RFC 6962 with SHA-256; leaves ["streamId",version,"hash"] sorted by stream id), with when it
was made and a SHA-256 digest over its canonical JSON. With ${ANCHOR_KEY_ENV} naming an
Ed25519 private key (PEM) it is also signed, and carries the public key.
Keep the file, or publish its digest and root, where the store's operators cannot change it
(once a day, say). \`hearth verify --anchor FILE…\` then proves that nothing the anchor covers
was rewritten, renamed or cut off since: what plain \`verify\` cannot see
(docs/decisions/0041-log-anchors.md).

Without --out the anchor is printed on stdout (JSON) and a summary on stderr. With --out the
file is written whole or not at all; stdout gets the summary (--json: {"file", "madeAt",
"headPosition", "streams", "events", "merkleRoot", "digest", "signed", "publicKeySha256"?}).
The file grows with the number of streams (about 120 bytes a household).
Exit codes: 0 made; 2 an unreadable or unusable key, or --out exists already;
5 a damaged stored event, or one that breaks its stream's hash chain (named on stderr;
no anchor is made over it: decision 213).`)
    .action(async (opts: { out?: string }) => {
      const g = globals();
      const signingKey = anchorSigningKey();
      const ledger = await openLedger(g);
      let anchor: LogAnchor;
      try {
        anchor = await refuseOverDamagedLog(() => anchorLog(ledger.store, { madeAt: new Date().toISOString(), ...(signingKey ? { signingKey } : {}) }));
      } finally {
        await ledger.close();
      }
      if (opts.out === undefined) {
        emitJson(anchor);
        log(`hearth anchor:\n${describe(anchor)}`);
        return;
      }
      writeAnchorFile(opts.out, anchor);
      if (g.json) emitJson(summary(anchor, opts.out));
      else emitText(`Anchor written to ${opts.out}\n${describe(anchor)}\nKeep it, or publish its digest, where the store's operators cannot change it.`);
    });
