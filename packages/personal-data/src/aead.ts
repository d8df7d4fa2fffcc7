import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM, the one primitive of the store: it wraps household keys under the master
 * key and seals member records under household keys. Layout of a sealed blob:
 * `version (1) ‖ nonce (12) ‖ ciphertext ‖ tag (16)`.
 *
 * Nonces are random (96 bits): a household key seals one record per put, far below the
 * 2^32 messages per key at which random nonces start to risk a collision.
 */
const FORMAT_VERSION = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const ALGORITHM = 'aes-256-gcm';

export const seal = (key: Buffer, plaintext: Buffer, associatedData: Buffer): Buffer => {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.of(FORMAT_VERSION), nonce, body, cipher.getAuthTag()]);
};

/**
 * Returns the plaintext, or `undefined` when the blob does not authenticate under this
 * key and associated data (wrong key, altered bytes, or a blob moved to another row).
 * GCM checks the tag before anything is returned, so a failure never yields garbage.
 */
export const open = (key: Buffer, sealed: Buffer, associatedData: Buffer): Buffer | undefined => {
  if (sealed.length < 1 + NONCE_BYTES + TAG_BYTES || sealed[0] !== FORMAT_VERSION) return undefined;
  const nonce = sealed.subarray(1, 1 + NONCE_BYTES);
  const body = sealed.subarray(1 + NONCE_BYTES, sealed.length - TAG_BYTES);
  const tag = sealed.subarray(sealed.length - TAG_BYTES);
  try {
    const decipher = createDecipheriv(ALGORITHM, key, nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]);
  } catch {
    return undefined;
  }
};
