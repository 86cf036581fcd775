import crypto from 'node:crypto';

/**
 * Field-level encryption of personal data (ID numbers, phones). AES-256-GCM with a random 96-bit
 * nonce per value; the stored form is `v1.<nonce>.<ciphertext>.<tag>` in base64url so the key and
 * algorithm can be rotated later by version. Exact look-up uses a keyed HMAC-SHA256 (a blind index):
 * a plain hash of an ID number could be brute-forced, the ID space being small.
 */
export class FieldCrypto {
  constructor(
    private readonly key: Buffer,
    private readonly hmacKey: Buffer,
  ) {
    if (key.length !== 32 || hmacKey.length !== 32) throw new Error('field keys must be 32 bytes');
  }

  encrypt(plain: string): string {
    const nonce = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.key, nonce);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return ['v1', nonce.toString('base64url'), body.toString('base64url'), tag.toString('base64url')].join(
      '.',
    );
  }

  decrypt(stored: string): string {
    const [version, nonce, body, tag] = stored.split('.');
    if (version !== 'v1' || !nonce || body === undefined || !tag)
      throw new Error('unknown field cipher format');
    const decipher = crypto.createDecipheriv('aes-256-gcm', this.key, Buffer.from(nonce, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  }

  /** Keyed hash for exact matching; callers normalise the value first (upper-case X, digits only). */
  blindIndex(value: string): string {
    return crypto.createHmac('sha256', this.hmacKey).update(value).digest('base64url');
  }
}

/** Normal forms used before hashing, so the same phone typed two ways matches. */
export function normalizePhone(phone: string): string {
  return phone.replace(/[\s-]/g, '').replace(/^\+?86(?=1\d{10}$)/, '');
}

const instances = new WeakMap<object, FieldCrypto>();

/** One FieldCrypto per configuration (keys are read once at start-up). */
export function fieldCryptoFor(config: { fieldEncryptionKey: Buffer; fieldHmacKey: Buffer }): FieldCrypto {
  let fc = instances.get(config);
  if (!fc) {
    fc = new FieldCrypto(config.fieldEncryptionKey, config.fieldHmacKey);
    instances.set(config, fc);
  }
  return fc;
}
